package io.mlmeta.server.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address ranges (CIDR blocks) whose identity headers, such as Kubeflow's {@code
 * kubeflow-userid}, are believed. A request carrying those headers from anywhere else is refused,
 * never served as if the headers were absent.
 */
public final class TrustedProxies {

  // Literals only: a host name would make parsing depend on DNS, and trust follow a DNS answer.
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1};

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /** Nobody's identity headers are believed. */
  public static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  /**
   * Parses CIDR blocks such as {@code 10.0.0.0/8}, {@code fd00::/8} or a single address.
   *
   * @throws IllegalArgumentException naming the first entry that is not a CIDR block of literal
   *     addresses, has a prefix out of range, or has bits set past its prefix
   */
  public static TrustedProxies parse(List<String> cidrs) {
    List<Block> blocks = new ArrayList<>();
    for (String cidr : cidrs) {
      String entry = cidr.trim();
      if (!entry.isEmpty()) {
        blocks.add(Block.parse(entry));
      }
    }
    return new TrustedProxies(blocks);
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  /** True when {@code address} lies in one of the blocks. */
  public boolean contains(InetAddress address) {
    byte[] bytes = canonical(address.getAddress());
    for (Block block : blocks) {
      if (block.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return blocks.toString();
  }

  /**
   * An IPv4 client seen by a dual-stack socket arrives as {@code ::ffff:a.b.c.d}; it is compared as
   * the IPv4 address it is.
   */
  private static byte[] canonical(byte[] address) {
    if (address.length == 16
        && Arrays.equals(address, 0, IPV4_MAPPED_PREFIX.length, IPV4_MAPPED_PREFIX, 0, 12)) {
      return Arrays.copyOfRange(address, 12, 16);
    }
    return address;
  }

  private record Block(byte[] network, int prefixLength, String text) {

    static Block parse(String entry) {
      int slash = entry.indexOf('/');
      String host = slash < 0 ? entry : entry.substring(0, slash);
      InetAddress address = literal(host, entry);
      byte[] network = canonical(address.getAddress());
      int maxPrefix = network.length * 8;
      int prefix = maxPrefix;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw invalid(entry, "the prefix length is not a number");
        }
        if (prefix < 0 || prefix > maxPrefix) {
          throw invalid(entry, "the prefix length must be between 0 and " + maxPrefix);
        }
      }
      Block block = new Block(network, prefix, entry);
      if (hasHostBits(network, prefix)) {
        throw invalid(entry, "bits are set past the prefix; write the network address");
      }
      return block;
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = prefixLength / 8;
      if (!Arrays.equals(address, 0, whole, network, 0, whole)) {
        return false;
      }
      int rest = prefixLength % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[whole] & mask) == (network[whole] & mask);
    }

    private static boolean hasHostBits(byte[] network, int prefix) {
      for (int bit = prefix; bit < network.length * 8; bit++) {
        if ((network[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
          return true;
        }
      }
      return false;
    }

    private static InetAddress literal(String host, String entry) {
      String bare =
          host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      boolean v4 = IPV4_LITERAL.matcher(bare).matches();
      if (v4 ? !octetsInRange(bare) : !IPV6_LITERAL.matcher(bare).matches()) {
        throw invalid(entry, "it is not an IP address literal");
      }
      try {
        // A literal that passed the checks above is parsed without any lookup.
        return InetAddress.getByName(bare);
      } catch (UnknownHostException e) {
        throw invalid(entry, "it is not an IP address literal");
      }
    }

    private static boolean octetsInRange(String ipv4) {
      for (String octet : ipv4.split("\\.", -1)) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      return true;
    }

    private static IllegalArgumentException invalid(String entry, String why) {
      return new IllegalArgumentException("trusted proxy '" + entry + "' is not valid: " + why);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
