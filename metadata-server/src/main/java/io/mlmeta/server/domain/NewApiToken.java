package io.mlmeta.server.domain;

/**
 * A token just created.
 *
 * @param bearer the value clients send as {@code Authorization: Bearer}; returned this once only
 */
public record NewApiToken(ApiToken token, String bearer) {

  @Override
  public String toString() {
    return "NewApiToken[token=" + token + ", bearer=(hidden)]";
  }
}
