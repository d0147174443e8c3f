package io.mlmeta.cli.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Seals a report with the SHA-256 of its own bytes and checks the seal, the same way in every
 * format. A renderer writes {@link #PLACEHOLDER} once, where the format allows a comment or a
 * field; {@link #seal(String)} replaces its 64 zeros with the SHA-256 of the whole text as written
 * (UTF-8, zeros included). {@link #verify(byte[])} puts the zeros back and recomputes, so any
 * changed byte, the digest's own included, fails the check.
 */
public final class ReportDigest {

  /** What precedes the 64 hexadecimal digits of the digest. */
  public static final String MARKER = "mlmeta-report-sha256:";

  /** The marker followed by 64 zeros, as renderers write it. */
  public static final String PLACEHOLDER = MARKER + "0".repeat(64);

  private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);

  private ReportDigest() {}

  /**
   * The outcome of a check.
   *
   * @param valid whether the recorded digest matches the content
   * @param recorded the digest found in the file, or null
   * @param computed the digest of the content, or null when none was recorded
   * @param problem why it is not valid, or null
   */
  public record Check(
      boolean valid,
      @Nullable String recorded,
      @Nullable String computed,
      @Nullable String problem) {}

  /** The text with its placeholder replaced by its digest. */
  public static String seal(String text) {
    int at = text.lastIndexOf(PLACEHOLDER);
    if (at < 0) {
      throw new IllegalArgumentException("the report has no digest placeholder");
    }
    String digest = sha256(text.getBytes(StandardCharsets.UTF_8));
    int digits = at + MARKER.length();
    return text.substring(0, digits) + digest + text.substring(digits + 64);
  }

  /** Checks the digest of a sealed report's bytes. */
  public static Check verify(byte[] content) {
    int at = lastIndexOf(content, MARKER_BYTES);
    if (at < 0 || at + MARKER_BYTES.length + 64 > content.length) {
      return new Check(false, null, null, "no " + MARKER + " digest found");
    }
    int digits = at + MARKER_BYTES.length;
    String recorded = new String(content, digits, 64, StandardCharsets.US_ASCII);
    byte[] zeroed = Arrays.copyOf(content, content.length);
    Arrays.fill(zeroed, digits, digits + 64, (byte) '0');
    String computed = sha256(zeroed);
    if (!recorded.equals(computed)) {
      return new Check(false, recorded, computed, "digest mismatch: the file was changed");
    }
    return new Check(true, recorded, computed, null);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static int lastIndexOf(byte[] content, byte[] pattern) {
    outer:
    for (int i = content.length - pattern.length; i >= 0; i--) {
      for (int j = 0; j < pattern.length; j++) {
        if (content[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
