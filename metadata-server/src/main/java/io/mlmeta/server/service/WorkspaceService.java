package io.mlmeta.server.service;

import io.mlmeta.server.domain.Page;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.service.validation.Inputs;
import io.mlmeta.server.store.IdentityClaims;
import io.mlmeta.server.store.WorkspaceStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Use cases of workspaces, the tenant boundary. */
@ServiceBoundary
@ApplicationScoped
public class WorkspaceService {

  // Workspaces are never renamed or deleted, so a name stands for the same id on every replica for
  // ever: writes resolve it once per server instead of once per call.
  private static final int MAX_CACHED_FOR_WRITES = 10_000;

  private final WorkspaceStore workspaces;
  private final IdentityClaims claims;
  private final Clock clock;
  private final Map<String, Workspace> forWrites = new ConcurrentHashMap<>();

  WorkspaceService(WorkspaceStore workspaces, IdentityClaims claims, Clock clock) {
    this.workspaces = workspaces;
    this.claims = claims;
    this.clock = clock;
  }

  /**
   * Creates a workspace, or with {@code reuseIfExists} returns the existing one of that name
   * (Kubeflow Metadata's {@code reuse_workspace_if_exists}).
   *
   * @throws AlreadyExistsException if the name is taken and reuse was not asked for
   */
  @Transactional
  public Workspace create(
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
      if (reuseIfExists) {
        return existing.get();
      }
      throw new AlreadyExistsException("workspace " + validName + " already exists");
    }
    return workspaces.create(validName, validDescription, validLabels, clock.instant());
  }

  /**
   * @throws NotFoundException if there is no workspace of that name
   */
  @Transactional
  public Workspace get(@Nullable String name) {
    String validName = Inputs.required("workspace", name);
    return workspaces
        .findByName(validName)
        .orElseThrow(() -> NotFoundException.of("workspace", validName));
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

  @Transactional
  public Page<Workspace> list(PageRequest page) {
    return Pages.page(page, "workspaces", Workspace::id, workspaces::list);
  }

  /**
   * Changes the description (when not null) and merges or replaces labels.
   *
   * @throws NotFoundException if there is no workspace of that name
   */
  @Transactional
  public Workspace update(
      String name,
      @Nullable String description,
      Map<String, String> labels,
      boolean replaceLabels) {
    Workspace current = get(name);
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
