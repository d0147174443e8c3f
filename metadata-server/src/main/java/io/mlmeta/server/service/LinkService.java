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

  LinkService(
      LinkStore links,
      ArtifactStore artifacts,
      ExecutionStore executions,
      ContextStore contexts,
      ArtifactService artifactService,
      ExecutionService executionService) {
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

  // The batch loads below resolve nested fields of entities the caller was already allowed to read;
  // links never cross workspaces (writes refuse references into another one), so what they load
  // lies in the same workspace.

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

  @Transactional
  public Map<Long, Artifact> artifacts(Collection<Long> ids) {
    return artifacts.findByIds(ids).stream()
        .collect(Collectors.toMap(Artifact::id, Function.identity()));
  }

  @Transactional
  public Map<Long, Execution> executions(Collection<Long> ids) {
    return executions.findByIds(ids).stream()
        .collect(Collectors.toMap(Execution::id, Function.identity()));
  }

  @Transactional
  public Map<Long, Context> contexts(Collection<Long> ids) {
    return contexts.findByIds(ids).stream()
        .collect(Collectors.toMap(Context::id, Function.identity()));
  }
}
