package io.mlmeta.sdk.access;

/**
 * A new API token and its bearer value. The server returns the value this once and never again;
 * {@link #toString()} leaves it out so that logging the record does not leak it.
 *
 * @param token the token's record
 * @param secret the bearer value, {@code mlm_<id>_<secret>}
 */
public record CreatedToken(ApiToken token, String secret) {

  @Override
  public String toString() {
    return "CreatedToken[token=" + token + ", secret=(hidden)]";
  }
}
