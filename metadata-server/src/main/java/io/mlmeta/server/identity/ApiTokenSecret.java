package io.mlmeta.server.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format and the checking of mlmeta API tokens: {@code mlm_<id>_<secret>}, where the id (16 hex
 * digits) names the stored row and the secret (256 random bits, base64url) is kept only as
 * SHA-256(salt, secret). The secret is random, not chosen by a person, so a slow password hash
 * would cost every request and protect nothing.
 */
public final class ApiTokenSecret {

  /** What every API token starts with, so bearer values can be told apart from OIDC tokens. */
  public static final String PREFIX = "mlm_";

  private static final Pattern FORMAT = Pattern.compile("mlm_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
  private static final int ID_BYTES = 8;
  private static final int SECRET_BYTES = 32;
  private static final int SALT_BYTES = 16;

  /**
   * A newly issued token.
   *
   * @param id the public id, stored in clear
   * @param bearer the whole bearer value, shown to its creator once
   * @param salt stored with the hash
   * @param hash SHA-256 over salt and secret
   */
  public record Issued(String id, String bearer, byte[] salt, byte[] hash) {}

  /** A bearer value in the token format; not yet checked against any stored hash. */
  public record Presented(String id, String secret) {}

  private ApiTokenSecret() {}

  public static boolean looksLikeApiToken(String bearer) {
    return bearer.startsWith(PREFIX);
  }

  public static Issued issue(SecureRandom random) {
    byte[] idBytes = new byte[ID_BYTES];
    byte[] secretBytes = new byte[SECRET_BYTES];
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(idBytes);
    random.nextBytes(secretBytes);
    random.nextBytes(salt);
    String id = HexFormat.of().formatHex(idBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    return new Issued(id, PREFIX + id + "_" + secret, salt, hash(salt, secret));
  }

  /** The id and secret of a bearer value, or empty when it is not in the token format. */
  public static Optional<Presented> parse(String bearer) {
    Matcher matcher = FORMAT.matcher(bearer);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Presented(matcher.group(1), matcher.group(2)));
  }

  /**
   * Whether {@code secret} is the one whose hash was stored, in time independent of where they
   * differ.
   */
  public static boolean matches(String secret, byte[] salt, byte[] storedHash) {
    return MessageDigest.isEqual(hash(salt, secret), storedHash);
  }

  private static byte[] hash(byte[] salt, String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      digest.update(secret.getBytes(StandardCharsets.US_ASCII));
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
