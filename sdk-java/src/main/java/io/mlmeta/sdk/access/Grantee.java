package io.mlmeta.sdk.access;

import java.util.Objects;

/**
 * Who a role is granted to.
 *
 * @param kind a user, a group or an API token
 * @param name the user's subject, the group's name or the token's id
 */
public record Grantee(Kind kind, String name) {

  /** The kinds of grantee. */
  public enum Kind {
    /** A user or service account, by subject (a token's {@code sub}, a gateway's user header). */
    USER,
    /** Everyone whose token or gateway header names this group. */
    GROUP,
    /** An API token, by id. */
    TOKEN
  }

  /**
   * Checks the name.
   *
   * @throws IllegalArgumentException for a blank name
   */
  public Grantee {
    Objects.requireNonNull(kind, "kind");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a grantee's name must not be blank");
    }
  }

  /** A user or service account by subject. */
  public static Grantee user(String subject) {
    return new Grantee(Kind.USER, subject);
  }

  /** A group by name. */
  public static Grantee group(String name) {
    return new Grantee(Kind.GROUP, name);
  }

  /** An API token by id. */
  public static Grantee token(String id) {
    return new Grantee(Kind.TOKEN, id);
  }
}
