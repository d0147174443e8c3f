package io.mlmeta.server.service;

import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.domain.error.PermissionDeniedException;
import io.mlmeta.server.identity.Permissions;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.Role;
import io.mlmeta.server.store.AccessStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one place that decides what a caller may do. Services ask it at their start; adapters never
 * do. A caller's permissions are read once per {@code mlmeta.security.access-cache-ttl} per replica
 * and dropped at once when this replica commits a change to grants or tokens.
 */
@ApplicationScoped
public class Access {

  private static final int MAX_CACHED_CALLERS = 10_000;

  private record Cached(Permissions permissions, Instant readAt) {}

  private final AccessStore store;
  private final TransactionSynchronizationRegistry transactions;
  private final Clock clock;
  private final Set<String> adminUsers;
  private final Set<String> adminGroups;
  private final java.time.Duration ttl;
  private final Map<Principal, Cached> cache = new ConcurrentHashMap<>();

  Access(
      AccessStore store,
      TransactionSynchronizationRegistry transactions,
      MlmetaConfig config,
      Clock clock) {
    this.store = store;
    this.transactions = transactions;
    this.clock = clock;
    MlmetaConfig.Security.Admins admins = config.security().admins();
    this.adminUsers = Set.copyOf(admins.users().orElse(List.of()));
    this.adminGroups = Set.copyOf(admins.groups().orElse(List.of()));
    this.ttl = config.security().accessCacheTtl();
  }

  /**
   * What {@code caller} may do. The anonymous principal exists only where the server allows it (on
   * loopback, or when explicitly insecure), and there it is the local user: an admin.
   */
  public Permissions permissions(Principal caller) {
    if (caller.isAnonymous() || isConfiguredAdmin(caller)) {
      return Permissions.everything();
    }
    Instant now = clock.instant();
    Cached cached = cache.get(caller);
    if (cached != null && now.isBefore(cached.readAt().plus(ttl))) {
      return cached.permissions();
    }
    Permissions read = read(caller);
    if (cache.size() >= MAX_CACHED_CALLERS) {
      cache.clear();
    }
    cache.put(caller, new Cached(read, now));
    return read;
  }

  private Permissions read(Principal caller) {
    if (caller.kind() == Principal.Kind.TOKEN) {
      boolean admin =
          store.findToken(caller.subject()).map(token -> token.token().admin()).orElse(false);
      if (admin) {
        return Permissions.everything();
      }
    }
    return Permissions.of(store.rolesOf(caller.grantees()));
  }

  private boolean isConfiguredAdmin(Principal caller) {
    if (caller.kind() == Principal.Kind.TOKEN) {
      return false;
    }
    if (adminUsers.contains(caller.subject())) {
      return true;
    }
    for (String group : caller.groups()) {
      if (adminGroups.contains(group)) {
        return true;
      }
    }
    return false;
  }

  public boolean isAdmin(Principal caller) {
    return permissions(caller).admin();
  }

  /**
   * @throws PermissionDeniedException unless the caller is a global admin
   */
  public void requireAdmin(Principal caller, String action) {
    if (!isAdmin(caller)) {
      throw new PermissionDeniedException(action + " needs the admin role");
    }
  }

  /**
   * Fails unless the caller holds {@code needed} in {@code workspace}. A caller with no role there
   * is answered as if the workspace did not exist, so names of other teams' workspaces do not leak.
   */
  public void require(Principal caller, Workspace workspace, Role needed) {
    require(caller, workspace, needed, () -> NotFoundException.of("workspace", workspace.name()));
  }

  /**
   * Like {@link #require(Principal, Workspace, Role)}, answering a caller with no role in the
   * workspace with {@code hidden}: the thing asked for, looked up by id, "does not exist".
   */
  public void require(
      Principal caller,
      Workspace workspace,
      Role needed,
      Supplier<? extends RuntimeException> hidden) {
    Permissions permissions = permissions(caller);
    var role = permissions.roleIn(workspace.id());
    if (role.isEmpty()) {
      throw hidden.get();
    }
    if (!role.get().includes(needed)) {
      throw new PermissionDeniedException(
          "this needs the "
              + lower(needed)
              + " role in workspace "
              + workspace.name()
              + "; the caller is a "
              + lower(role.get()));
    }
  }

  /** Drops cached permissions once the current transaction commits a change to grants or tokens. */
  void changedInThisTransaction() {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {
            // Nothing to do before the commit: the old permissions are still the valid ones.
          }

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              cache.clear();
            }
          }
        });
  }

  private static String lower(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }
}
