package io.mlmeta.server.identity;

import java.util.Locale;
import java.util.Objects;

/**
 * Who a grant gives a role to.
 *
 * @param kind a user (or service account) by subject, a group by name, or an API token by id
 * @param name the subject, group name or token id
 */
public record Grantee(Kind kind, String name) {

  /** The kinds of grantee. */
  public enum Kind {
    USER,
    GROUP,
    TOKEN
  }

  public Grantee {
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a grantee needs a name");
    }
  }

  public static Grantee user(String subject) {
    return new Grantee(Kind.USER, subject);
  }

  public static Grantee group(String name) {
    return new Grantee(Kind.GROUP, name);
  }

  public static Grantee token(String id) {
    return new Grantee(Kind.TOKEN, id);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + " " + name;
  }
}
