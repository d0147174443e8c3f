package io.mlmeta.k8s;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a comma-separated list of CIDR blocks (literal addresses) covers an address. */
final class Cidrs {

  private Cidrs() {}

  static boolean anyContains(String cidrs, String address) {
    for (String entry : cidrs.split(",", -1)) {
      if (!entry.isBlank() && contains(entry.strip(), address)) {
        return true;
      }
    }
    return false;
  }

  static boolean contains(String cidr, String address) {
    int slash = cidr.indexOf('/');
    byte[] network = literal(slash < 0 ? cidr : cidr.substring(0, slash));
    byte[] candidate = literal(address);
    if (network.length != candidate.length) {
      return false;
    }
    int bits = network.length * 8;
    int prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix out of range: " + cidr);
    }
    if (prefix == 0) {
      return true;
    }
    int shift = bits - prefix;
    return new BigInteger(1, network)
        .shiftRight(shift)
        .equals(new BigInteger(1, candidate).shiftRight(shift));
  }

  /** Literals only, as the server requires; never a DNS lookup. */
  private static byte[] literal(String text) {
    if (!text.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("not an address literal: " + text);
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address literal: " + text, e);
    }
  }
}
