package io.mlmeta.server.service;

import io.mlmeta.server.domain.ApiToken;
import io.mlmeta.server.domain.CallerAccess;
import io.mlmeta.server.domain.Grant;
import io.mlmeta.server.domain.NewApiToken;
import io.mlmeta.server.domain.Page;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.WorkspaceRole;
import io.mlmeta.server.domain.error.FailedPreconditionException;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.domain.error.PermissionDeniedException;
import io.mlmeta.server.domain.error.UnauthenticatedException;
import io.mlmeta.server.identity.ApiTokenSecret;
import io.mlmeta.server.identity.Grantee;
import io.mlmeta.server.identity.Permissions;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.Role;
import io.mlmeta.server.identity.VerifiedTokens;
import io.mlmeta.server.service.validation.Inputs;
import io.mlmeta.server.service.validation.PageTokens;
import io.mlmeta.server.store.AccessStore;
import io.mlmeta.server.store.WorkspaceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Use cases of access: who am I, grants in a workspace, and API tokens. */
@ServiceBoundary
@ApplicationScoped
public class AccessService {

  private static final int MAX_CACHED_TOKENS = 10_000;

  private final AccessStore store;
  private final WorkspaceStore workspaceStore;
  private final WorkspaceService workspaces;
  private final Access access;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  // Keyed by the token's digest, like verified OIDC tokens; an entry lasts the access cache time.
  private final VerifiedTokens verified;

  AccessService(
      AccessStore store,
      WorkspaceStore workspaceStore,
      WorkspaceService workspaces,
      Access access,
      io.mlmeta.server.config.MlmetaConfig config,
      Clock clock) {
    this.store = store;
    this.workspaceStore = workspaceStore;
    this.workspaces = workspaces;
    this.access = access;
    this.clock = clock;
    this.verified =
        new VerifiedTokens(clock, config.security().accessCacheTtl(), MAX_CACHED_TOKENS);
  }

  /** The caller with its admin flag and its role in every workspace it has one in. */
  @Transactional
  public CallerAccess whoami(Principal caller) {
    Permissions permissions = access.permissions(caller);
    List<WorkspaceRole> roles = new ArrayList<>();
    permissions
        .roles()
        .forEach((id, role) -> roles.add(new WorkspaceRole(workspaceStore.nameOf(id), role)));
    roles.sort(Comparator.comparing(WorkspaceRole::workspace));
    return new CallerAccess(caller, permissions.admin(), roles);
  }

  /**
   * Gives {@code grantee} {@code role} in the workspace, replacing the role it had there.
   *
   * @throws PermissionDeniedException unless the caller owns the workspace
   * @throws FailedPreconditionException if that would leave the workspace without an owner
   */
  @ChangesMetadata
  @Transactional
  public Grant grant(
      Principal caller,
      String workspace,
      Grantee.@Nullable Kind granteeKind,
      @Nullable String granteeName,
      @Nullable Role role) {
    Workspace ws = workspaces.forRole(caller, workspace, Role.OWNER);
    Grantee validGrantee = grantee(granteeKind, granteeName);
    if (role == null) {
      throw new InvalidArgumentException("role", "is required (reader, writer or owner)");
    }
    if (validGrantee.kind() == Grantee.Kind.TOKEN
        && store.findToken(validGrantee.name()).isEmpty()) {
      throw NotFoundException.of("API token", validGrantee.name());
    }
    keepAnOwner(ws, validGrantee, role);
    access.changedInThisTransaction();
    return store.grant(ws.id(), validGrantee, role, caller.subject(), clock.instant());
  }

  /**
   * Takes the grantee's role in the workspace away; false when it had none.
   *
   * @throws FailedPreconditionException if that would leave the workspace without an owner
   */
  @ChangesMetadata
  @Transactional
  public boolean revoke(
      Principal caller,
      String workspace,
      Grantee.@Nullable Kind granteeKind,
      @Nullable String granteeName) {
    Workspace ws = workspaces.forRole(caller, workspace, Role.OWNER);
    Grantee validGrantee = grantee(granteeKind, granteeName);
    keepAnOwner(ws, validGrantee, null);
    access.changedInThisTransaction();
    return store.revoke(ws.id(), validGrantee);
  }

  /** The grants of a workspace; any role there may read them. */
  @Transactional
  public List<Grant> grants(Principal caller, String workspace) {
    return store.grants(workspaces.forRole(caller, workspace, Role.READER).id());
  }

  /**
   * Creates an API token with roles in workspaces the caller owns, or an admin token for an admin.
   *
   * @throws PermissionDeniedException if the caller does not own a scope's workspace, or asks for
   *     an admin token without being an admin
   */
  @ChangesMetadata
  @Transactional
  public NewApiToken createToken(
      Principal caller,
      @Nullable String name,
      List<WorkspaceRole> scopes,
      boolean admin,
      @Nullable Instant expireTime) {
    String validName = Inputs.name("name", name);
    Instant now = clock.instant();
    if (expireTime != null && !expireTime.isAfter(now)) {
      throw new InvalidArgumentException("expire_time", "must be in the future");
    }
    if (admin) {
      access.requireAdmin(caller, "an admin token");
    }
    if (caller.kind() == Principal.Kind.TOKEN) {
      // A leaked token must not be able to mint fresh ones that outlive its revocation.
      throw new PermissionDeniedException("API tokens cannot create API tokens");
    }
    Map<Long, Role> grants = new LinkedHashMap<>();
    for (int i = 0; i < scopes.size(); i++) {
      WorkspaceRole scope = scopes.get(i);
      Workspace ws = workspaces.forRole(caller, scope.workspace(), Role.OWNER);
      grants.merge(ws.id(), scope.role(), Role::strongest);
    }
    if (!admin && grants.isEmpty()) {
      throw new InvalidArgumentException(
          "scopes", "must name at least one workspace and role (or ask for an admin token)");
    }
    ApiTokenSecret.Issued issued = ApiTokenSecret.issue(random);
    store.insertToken(
        issued.id(),
        validName,
        issued.salt(),
        issued.hash(),
        admin,
        caller.subject(),
        now,
        expireTime);
    grants.forEach(
        (workspaceId, role) ->
            store.grant(workspaceId, Grantee.token(issued.id()), role, caller.subject(), now));
    ApiToken token =
        store
            .findToken(issued.id())
            .orElseThrow(() -> new IllegalStateException("the token just written is missing"))
            .token();
    return new NewApiToken(token, issued.bearer());
  }

  /** The caller's tokens, or every token for an admin, by id. */
  @Transactional
  public Page<ApiToken> tokens(Principal caller, PageRequest page, boolean includeInactive) {
    if (caller.kind() == Principal.Kind.TOKEN) {
      throw new PermissionDeniedException("API tokens cannot list API tokens");
    }
    String createdBy = access.isAdmin(caller) ? null : caller.subject();
    Object filter = tokenListFilter(caller, includeInactive);
    int size = Inputs.pageSize(page.size());
    long after = PageTokens.decode(page.token(), filter);
    String afterId = page.token() == null || page.token().isEmpty() ? "" : hex(after);
    List<ApiToken> rows =
        store.tokens(createdBy, afterId, size + 1, includeInactive ? null : clock.instant());
    if (rows.size() <= size) {
      return new Page<>(rows, null);
    }
    List<ApiToken> items = List.copyOf(rows.subList(0, size));
    return new Page<>(items, tokenCursor(caller, items.get(size - 1), includeInactive));
  }

  /** The page token that resumes a token list right after {@code token}. */
  public String tokenCursor(Principal caller, ApiToken token, boolean includeInactive) {
    return PageTokens.encode(
        Long.parseUnsignedLong(token.id(), 16), tokenListFilter(caller, includeInactive));
  }

  /** Token list positions are bound to the caller: another principal cannot resume them. */
  private static Object tokenListFilter(Principal caller, boolean includeInactive) {
    return List.of("api-tokens", caller.subject(), includeInactive);
  }

  /**
   * Revokes a token at once on this replica (within the access cache time on others).
   *
   * @throws NotFoundException unless the caller created the token or is an admin
   */
  @ChangesMetadata
  @Transactional
  public ApiToken revokeToken(Principal caller, @Nullable String id) {
    String validId = Inputs.required("id", id);
    ApiToken token =
        store
            .findToken(validId)
            .map(AccessStore.StoredToken::token)
            .filter(t -> t.createdBy().equals(caller.subject()) || access.isAdmin(caller))
            .orElseThrow(() -> NotFoundException.of("API token", validId));
    if (token.revokeTime() != null) {
      return token;
    }
    access.changedInThisTransaction();
    verified.forgetAll();
    return store
        .revokeToken(validId, caller.subject(), clock.instant())
        .orElseThrow(() -> NotFoundException.of("API token", validId));
  }

  /**
   * The principal an API token bearer value stands for.
   *
   * @throws UnauthenticatedException if it is malformed, unknown, wrong, revoked or expired; the
   *     message does not say which, so a guesser learns nothing
   */
  @Transactional
  public Principal authenticate(String bearer) {
    Principal known = verified.principal(bearer);
    if (known != null) {
      return known;
    }
    ApiTokenSecret.Presented presented =
        ApiTokenSecret.parse(bearer).orElseThrow(AccessService::refused);
    AccessStore.StoredToken stored =
        store.findToken(presented.id()).orElseThrow(AccessService::refused);
    ApiToken token = stored.token();
    if (!ApiTokenSecret.matches(presented.secret(), stored.salt(), stored.secretHash())
        || !token.activeAt(clock.instant())) {
      throw refused();
    }
    Principal principal = new Principal(token.id(), Set.of(), Principal.Kind.TOKEN);
    verified.remember(
        bearer, principal, token.expireTime() == null ? Instant.MAX : token.expireTime());
    return principal;
  }

  /** The principal of a token verified recently, or null when it must be read. */
  public @Nullable Principal authenticateCached(String bearer) {
    return verified.principal(bearer);
  }

  private static UnauthenticatedException refused() {
    return new UnauthenticatedException("the API token is not valid (unknown, revoked or expired)");
  }

  private void keepAnOwner(Workspace ws, Grantee grantee, @Nullable Role newRole) {
    if (newRole == Role.OWNER) {
      return;
    }
    boolean isOwner =
        store.grants(ws.id()).stream()
            .anyMatch(g -> g.grantee().equals(grantee) && g.role() == Role.OWNER);
    if (isOwner && store.ownerCount(ws.id()) <= 1) {
      throw new FailedPreconditionException(
          "workspace "
              + ws.name()
              + " would have no owner left; grant owner to someone else first");
    }
  }

  private static Grantee grantee(Grantee.@Nullable Kind kind, @Nullable String name) {
    if (kind == null) {
      throw new InvalidArgumentException("grantee.kind", "is required (user, group or token)");
    }
    return new Grantee(kind, Inputs.required("grantee.name", name).strip());
  }

  private static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
