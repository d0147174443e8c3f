package io.mlmeta.server.identity;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one principal may do: everything as an admin, otherwise its strongest role in each workspace
 * it has grants in. Immutable, so a cached copy can be shared by concurrent requests.
 *
 * @param admin a global admin: types, mirror administration, every token and every workspace
 * @param roles the strongest role per workspace id
 */
public record Permissions(boolean admin, Map<Long, Role> roles) {

  private static final Permissions ADMIN = new Permissions(true, Map.of());

  public Permissions {
    roles = Map.copyOf(roles);
  }

  public static Permissions everything() {
    return ADMIN;
  }

  public static Permissions of(Map<Long, Role> roles) {
    return new Permissions(false, roles);
  }

  public Optional<Role> roleIn(long workspaceId) {
    return admin ? Optional.of(Role.OWNER) : Optional.ofNullable(roles.get(workspaceId));
  }

  public boolean may(long workspaceId, Role needed) {
    return roleIn(workspaceId).map(role -> role.includes(needed)).orElse(false);
  }

  /** The workspaces this principal may read, or empty when it may read all of them. */
  public Optional<Set<Long>> readableWorkspaces() {
    return admin ? Optional.empty() : Optional.of(roles.keySet());
  }
}
