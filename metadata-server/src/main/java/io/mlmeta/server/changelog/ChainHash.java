package io.mlmeta.server.changelog;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The chain's hash: {@code hash(n) = SHA-256(hash(n-1) || canonical(entry at n))}, starting from 32
 * zero bytes. The canonical form lists the position and every column of the entry, each as a 4-byte
 * length (-1 for null) and its UTF-8 text, so no two different entries encode alike and a verifier
 * in any language can recompute it.
 */
final class ChainHash {

  static final byte[] GENESIS = new byte[32];

  private ChainHash() {}

  static byte[] next(byte[] previous, long position, ChangeEntry entry) {
    MessageDigest sha256 = sha256();
    sha256.update(previous);
    sha256.update(canonical(position, entry));
    return sha256.digest();
  }

  static byte[] canonical(long position, ChangeEntry entry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    field(out, Long.toString(position));
    field(out, Long.toString(entry.sequence()));
    field(out, entry.recordedAt().toString());
    field(out, entry.transactionId());
    field(out, entry.principal());
    field(out, entry.requestId());
    field(out, entry.operation());
    field(out, entry.entity());
    field(out, entry.entityKeys());
    field(out, entry.workspaceId() == null ? null : entry.workspaceId().toString());
    field(out, hex(entry.oldDigest()));
    field(out, hex(entry.newDigest()));
    return out.toByteArray();
  }

  static @Nullable String hex(byte @Nullable [] bytes) {
    return bytes == null ? null : HexFormat.of().formatHex(bytes);
  }

  private static void field(ByteArrayOutputStream out, @Nullable String value) {
    if (value == null) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
