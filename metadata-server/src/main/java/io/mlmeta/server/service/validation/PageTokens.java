package io.mlmeta.server.service.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Opaque keyset page tokens: the last id of the previous page plus a fingerprint of the filter, so
 * a token cannot silently be reused with a different query.
 */
public final class PageTokens {

  private static final String PREFIX = "v1:";
  private static final ObjectMapper CANONICAL =
      new ObjectMapper()
          .findAndRegisterModules()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  private PageTokens() {}

  public static String encode(long lastId, Object filter) {
    return encode(lastId, null, filter);
  }

  /** A token for a list ordered by a value, then by id: both are needed to resume after a row. */
  public static String encode(long lastId, @Nullable BigDecimal lastValue, Object filter) {
    String raw =
        PREFIX
            + lastId
            + ":"
            + fingerprint(filter)
            + (lastValue == null ? "" : ":" + lastValue.toPlainString());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Where an ordered list resumes: after this value and id (value null for id order). */
  public record Position(long afterId, @Nullable BigDecimal afterValue) {}

  /** Returns the id after which the next page starts; 0 when there is no token. */
  public static long decode(@Nullable String token, Object filter) {
    return decodePosition(token, filter).afterId();
  }

  /** Returns the value and id after which an ordered list resumes; id 0 when there is no token. */
  public static Position decodePosition(@Nullable String token, Object filter) {
    if (token == null || token.isEmpty()) {
      return new Position(0, null);
    }
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("page_token", "is not a token this server issued");
    }
    String[] parts = raw.split(":");
    if (parts.length < 3 || parts.length > 4 || !raw.startsWith(PREFIX)) {
      throw new InvalidArgumentException("page_token", "is not a token this server issued");
    }
    if (!parts[2].equals(fingerprint(filter))) {
      throw new InvalidArgumentException(
          "page_token", "was issued for a different filter; start again without a token");
    }
    try {
      return new Position(
          Long.parseLong(parts[1]), parts.length == 4 ? new BigDecimal(parts[3]) : null);
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("page_token", "is not a token this server issued");
    }
  }

  /** Canonical JSON (sorted map keys) so every replica computes the same fingerprint. */
  private static String fingerprint(Object filter) {
    try {
      byte[] canonical = CANONICAL.writeValueAsBytes(filter);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint a page filter", e);
    }
  }
}
