package io.mlmeta.server.service;

import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.Context;
import io.mlmeta.server.domain.Event;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.store.ArtifactStore;
import io.mlmeta.server.store.ContextStore;
import io.mlmeta.server.store.ExecutionStore;
import io.mlmeta.server.store.LinkStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads of the links between entities, batched: every method takes many ids and answers with one
 * query per table, so that API resolvers never issue a query per entity.
 */
@ServiceBoundary
@ApplicationScoped
public class LinkService {

  private final LinkStore links;
  private final ArtifactStore artifacts;
  private final ExecutionStore executions;
  private final ContextStore contexts;
  private final ArtifactService artifactService;
  private final ExecutionService executionService;
  private final WorkspaceService workspaces;

  LinkService(
      LinkStore links,
      ArtifactStore artifacts,
      ExecutionStore executions,
      ContextStore contexts,
      ArtifactService artifactService,
      ExecutionService executionService,
      WorkspaceService workspaces) {
    this.workspaces = workspaces;
    this.links = links;
    this.artifacts = artifacts;
    this.executions = executions;
    this.contexts = contexts;
    this.artifactService = artifactService;
    this.executionService = executionService;
  }

  /**
   * Events of one artifact or one execution, oldest first.
   *
   * @throws io.mlmeta.server.domain.error.NotFoundException if the subject does not exist
   */
  @Transactional
  public List<Event> events(
      Principal caller, @Nullable Long artifactId, @Nullable Long executionId) {
    if (artifactId != null) {
      artifactService.get(caller, artifactId);
      return links.eventsOfArtifacts(List.of(artifactId)).getOrDefault(artifactId, List.of());
    }
    if (executionId != null) {
      executionService.get(caller, executionId);
      return links.eventsOfExecutions(List.of(executionId)).getOrDefault(executionId, List.of());
    }
    throw new InvalidArgumentException("subject", "is required (an artifact_id or execution_id)");
  }

  // The batch loads below resolve nested fields of entities the caller was already allowed to read.
  // Events may cross workspaces (an execution may read another team's dataset), so the entities at
  // their far ends are filtered: what lies in a workspace the caller cannot read is left out, and
  // only the event's ids remain.

  @Transactional
  public Map<Long, List<Event>> eventsOfArtifacts(Collection<Long> artifactIds) {
    return links.eventsOfArtifacts(artifactIds);
  }

  @Transactional
  public Map<Long, List<Event>> eventsOfExecutions(Collection<Long> executionIds) {
    return links.eventsOfExecutions(executionIds);
  }

  @Transactional
  public Map<Long, List<Long>> contextIdsOfExecutions(Collection<Long> executionIds) {
    return links.contextsOfExecutions(executionIds);
  }

  @Transactional
  public Map<Long, List<Long>> contextIdsOfArtifacts(Collection<Long> artifactIds) {
    return links.contextsOfArtifacts(artifactIds);
  }

  /** The artifacts with these ids that the caller may read. */
  @Transactional
  public Map<Long, Artifact> artifacts(Principal caller, Collection<Long> ids) {
    Predicate<String> readable = workspaces.readableBy(caller);
    return artifacts.findByIds(ids).stream()
        .filter(artifact -> readable.test(artifact.workspace()))
        .collect(Collectors.toMap(Artifact::id, Function.identity()));
  }

  /** The executions with these ids that the caller may read. */
  @Transactional
  public Map<Long, Execution> executions(Principal caller, Collection<Long> ids) {
    Predicate<String> readable = workspaces.readableBy(caller);
    return executions.findByIds(ids).stream()
        .filter(execution -> readable.test(execution.workspace()))
        .collect(Collectors.toMap(Execution::id, Function.identity()));
  }

  /** The contexts with these ids that the caller may read. */
  @Transactional
  public Map<Long, Context> contexts(Principal caller, Collection<Long> ids) {
    Predicate<String> readable = workspaces.readableBy(caller);
    return contexts.findByIds(ids).stream()
        .filter(context -> readable.test(context.workspace()))
        .collect(Collectors.toMap(Context::id, Function.identity()));
  }
}
