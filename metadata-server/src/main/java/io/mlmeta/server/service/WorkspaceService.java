package io.mlmeta.server.service;

import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.Page;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.domain.error.PermissionDeniedException;
import io.mlmeta.server.identity.Permissions;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.Role;
import io.mlmeta.server.service.validation.Inputs;
import io.mlmeta.server.store.AccessStore;
import io.mlmeta.server.store.IdentityClaims;
import io.mlmeta.server.store.WorkspaceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Use cases of workspaces, the tenant boundary. */
@ServiceBoundary
@ApplicationScoped
public class WorkspaceService {

  // Workspaces are never renamed or deleted, so a name stands for the same id on every replica for
  // ever: writes resolve it once per server instead of once per call.
  private static final int MAX_CACHED_FOR_WRITES = 10_000;

  private final WorkspaceStore workspaces;
  private final AccessStore grants;
  private final Access access;
  private final IdentityClaims claims;
  private final MlmetaConfig config;
  private final Clock clock;
  private final Map<String, Workspace> forWrites = new ConcurrentHashMap<>();

  WorkspaceService(
      WorkspaceStore workspaces,
      AccessStore grants,
      Access access,
      IdentityClaims claims,
      MlmetaConfig config,
      Clock clock) {
    this.workspaces = workspaces;
    this.grants = grants;
    this.access = access;
    this.claims = claims;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Creates a workspace, or with {@code reuseIfExists} returns the existing one of that name
   * (Kubeflow Metadata's {@code reuse_workspace_if_exists}). The creator becomes its owner.
   *
   * @throws AlreadyExistsException if the name is taken and reuse was not asked for, or the
   *     existing workspace is one the caller cannot read
   * @throws PermissionDeniedException if only admins may create workspaces here
   */
  @ChangesMetadata
  @Transactional
  public Workspace create(
      Principal caller,
      String name,
      @Nullable String description,
      Map<String, String> labels,
      boolean reuseIfExists) {
    String validName = Inputs.identifier("name", name);
    String validDescription = Inputs.optionalText("description", description);
    Map<String, String> validLabels = Inputs.labels("labels", labels);
    new Identities().workspace(validName).claimWith(claims);
    var existing = workspaces.findByName(validName);
    if (existing.isPresent()) {
      // Names are unique across tenants, so a taken name cannot be hidden from a creator.
      AlreadyExistsException taken =
          new AlreadyExistsException("workspace " + validName + " already exists");
      if (reuseIfExists) {
        access.require(caller, existing.get(), Role.READER, () -> taken);
        return existing.get();
      }
      throw taken;
    }
    if (!config.security().anyoneCreatesWorkspaces()) {
      access.requireAdmin(caller, "creating a workspace");
    }
    Instant now = clock.instant();
    Workspace created = workspaces.create(validName, validDescription, validLabels, now);
    // The anonymous local user is an admin already; a grant to "anonymous" would mean nothing.
    if (!caller.isAnonymous()) {
      grants.grant(created.id(), caller.asGrantee(), Role.OWNER, caller.subject(), now);
      access.changedInThisTransaction();
    }
    return created;
  }

  /**
   * @throws NotFoundException if there is no workspace of that name the caller may read
   */
  @Transactional
  public Workspace get(Principal caller, @Nullable String name) {
    Workspace found = get(name);
    access.require(caller, found, Role.READER);
    return found;
  }

  private Workspace get(@Nullable String name) {
    String validName = Inputs.required("workspace", name);
    return workspaces
        .findByName(validName)
        .orElseThrow(() -> NotFoundException.of("workspace", validName));
  }

  /**
   * The workspace of that name, for its id and name only, once the caller is known to hold {@code
   * role} there.
   *
   * @throws NotFoundException if there is no such workspace or the caller has no role there
   * @throws PermissionDeniedException if the caller's role there is weaker than {@code role}
   */
  Workspace forRole(Principal caller, @Nullable String name, Role role) {
    Workspace workspace = forWrite(name);
    access.require(caller, workspace, role);
    return workspace;
  }

  /** Fails unless the caller holds {@code role} in {@code workspace}. */
  void require(Principal caller, Workspace workspace, Role role) {
    access.require(caller, workspace, role);
  }

  /**
   * Fails unless the caller holds {@code role} in the workspace of an entity it asked for by id;
   * with no role there the entity is answered as {@code hidden} (not found).
   */
  void requireForEntity(
      Principal caller, String workspace, Role role, Supplier<NotFoundException> hidden) {
    access.require(caller, forWrite(workspace), role, hidden);
  }

  /**
   * Whether the caller may read the named workspace; filters entities loaded in batches, such as
   * the inputs of an execution, which may lie in another team's workspace.
   */
  Predicate<String> readableBy(Principal caller) {
    Permissions permissions = access.permissions(caller);
    if (permissions.admin()) {
      return name -> true;
    }
    return name -> permissions.may(forWrite(name).id(), Role.READER);
  }

  /**
   * The workspace a write names, for its id and name only: its description and labels may be stale.
   *
   * @throws NotFoundException if there is no workspace of that name
   */
  Workspace forWrite(@Nullable String name) {
    Workspace known = name == null ? null : forWrites.get(name);
    if (known != null) {
      return known;
    }
    Workspace found = get(name);
    if (forWrites.size() >= MAX_CACHED_FOR_WRITES) {
      forWrites.clear();
    }
    forWrites.put(found.name(), found);
    return found;
  }

  /** The workspaces the caller may read, oldest first. */
  @Transactional
  public Page<Workspace> list(Principal caller, PageRequest page) {
    Set<Long> readable = access.permissions(caller).readableWorkspaces().orElse(null);
    return Pages.page(
        page,
        List.of("workspaces", caller.subject()),
        Workspace::id,
        (afterId, limit) -> workspaces.list(readable, afterId, limit));
  }

  /**
   * Changes the description (when not null) and merges or replaces labels; owners only.
   *
   * @throws NotFoundException if there is no workspace of that name the caller may read
   */
  @ChangesMetadata
  @Transactional
  public Workspace update(
      Principal caller,
      String name,
      @Nullable String description,
      Map<String, String> labels,
      boolean replaceLabels) {
    Workspace current = get(name);
    access.require(caller, current, Role.OWNER);
    String newDescription =
        description == null
            ? current.description()
            : Inputs.optionalText("description", description);
    Map<String, String> newLabels = new HashMap<>(replaceLabels ? Map.of() : current.labels());
    newLabels.putAll(Inputs.labels("labels", labels));
    return workspaces.update(
        current.id(), newDescription, Inputs.labels("labels", newLabels), clock.instant());
  }
}
