package io.mlmeta.server.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API tokens as users see them ({@code mlm_<id>_<secret>}) and as the store keeps them (the id, a
 * salt and the SHA-256 of salt and secret). The id finds the row without scanning; the secret is
 * shown once, at creation, and never stored.
 *
 * <p>A fast salted hash, not a password hash such as bcrypt: the secret is 256 random bits, so
 * there is nothing to guess and a slow hash would only add its cost to every request.
 */
public final class ApiTokenFormat {

  /** Prefix of every token, so secret scanners and people can recognise one. */
  public static final String PREFIX = "mlm_";

  private static final int ID_BYTES = 8;
  private static final int SECRET_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private static final Pattern SHAPE =
      Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-f]{16})_([A-Za-z0-9_-]{43})");

  private final SecureRandom random;

  public ApiTokenFormat(SecureRandom random) {
    this.random = random;
  }

  /** A token just created: the plaintext for the caller, the rest for the store. */
  public record Issued(String id, String plaintext, byte[] salt, byte[] hash) {}

  /** A token as a request presented it, split into the id to look up and the secret to check. */
  public record Presented(String id, String secret) {

    /** True when this secret hashes, with {@code salt}, to {@code storedHash}. */
    public boolean matches(byte[] salt, byte[] storedHash) {
      // Constant time: the comparison must not tell an attacker how many bytes were right.
      return MessageDigest.isEqual(hash(salt, secret), storedHash);
    }
  }

  public Issued issue() {
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

  /**
   * Splits a presented bearer value; empty when it does not have a token's shape, so that the
   * caller can try other schemes (an OIDC token never starts with {@link #PREFIX}).
   */
  public static Optional<Presented> parse(String bearer) {
    var matcher = SHAPE.matcher(bearer);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Presented(matcher.group(1), matcher.group(2)));
  }

  static byte[] hash(byte[] salt, String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(salt);
      return sha256.digest(secret.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
