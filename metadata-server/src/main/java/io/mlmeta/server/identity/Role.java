package io.mlmeta.server.identity;

import java.util.Locale;

/**
 * What a grant allows in one workspace. Each role includes the ones before it: an owner may do
 * everything a writer may, a writer everything a reader may. The global admin is not a workspace
 * role; it is a property of the principal's configuration.
 */
public enum Role {
  /** Every read and lineage query of the workspace. */
  READER,
  /** Reader, plus every write. */
  WRITER,
  /** Writer, plus grants, deletion and workspace settings. */
  OWNER;

  /** True when a holder of this role may do what {@code required} allows. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /** The stronger of two roles, for a caller who holds several grants in one workspace. */
  public static Role strongest(Role a, Role b) {
    return a.includes(b) ? a : b;
  }

  /**
   * Parses a role name as the APIs and the CLI accept it, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Role parse(String name) {
    for (Role role : values()) {
      if (role.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "role must be one of reader, writer, owner, not '" + name + "'");
  }
}
