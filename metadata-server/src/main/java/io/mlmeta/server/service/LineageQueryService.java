package io.mlmeta.server.service;

import io.mlmeta.graph.NodeFilter;
import io.mlmeta.graph.Path;
import io.mlmeta.graph.TraversalQuery;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.graph.TraversedNode;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.Visibility;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.Role;
import io.mlmeta.server.lineage.LineageAnswer;
import io.mlmeta.server.lineage.LineageRouter;
import io.mlmeta.server.lineage.LineageRouter.Shape;
import io.mlmeta.server.store.ArtifactStore;
import io.mlmeta.server.store.ExecutionStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Lineage queries: checks a request, resolves its start nodes and asks the engine the {@link
 * LineageRouter} picks for the query's shape.
 */
@ServiceBoundary
@ApplicationScoped
public class LineageQueryService {

  private static final int MAX_HOPS = TraversalQuery.MAX_HOPS_LIMIT;
  private static final int MAX_PAGE = TraversalQuery.MAX_PAGE_SIZE;

  /** Start nodes chosen by filters rather than ids: at most this many of each kind. */
  public static final int MAX_SELECTED_STARTS = 1000;

  private final LineageRouter router;
  private final ArtifactStore artifacts;
  private final ExecutionStore executions;
  private final ArtifactService artifactService;
  private final ExecutionService executionService;
  private final Access access;

  LineageQueryService(
      LineageRouter router,
      ArtifactStore artifacts,
      ExecutionStore executions,
      ArtifactService artifactService,
      ExecutionService executionService,
      Access access) {
    this.access = access;
    this.router = router;
    this.artifacts = artifacts;
    this.executions = executions;
    this.artifactService = artifactService;
    this.executionService = executionService;
  }

  /**
   * Downstream dependants of the start nodes, grouped by type name.
   *
   * @param byType the dependants the caller may read, by type name
   * @param redacted the dependants in workspaces the caller cannot read: key and kind only
   * @param total every dependant, redacted ones included
   */
  public record Impact(
      Map<String, List<TraversedNode>> byType,
      List<TraversedNode> redacted,
      boolean truncated,
      int total) {}

  /**
   * A walk from start nodes; see {@link io.mlmeta.graph.LineageGraph} for the semantics.
   *
   * @throws NotFoundException if a start node does not exist or the start filters match nothing
   * @throws InvalidArgumentException for bad bounds or a malformed cursor
   */
  public LineageAnswer<TraversalResult> traverse(Principal caller, LineageRequest request) {
    TraversalQuery query = query(caller, request, request.pageSize());
    try {
      return router.ask(
          Shape.TRAVERSE, request.engine(), request.minPosition(), graph -> graph.traverse(query));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("cursor", String.valueOf(e.getMessage()));
    }
  }

  /** Everything downstream of the start nodes (what breaks if they are bad), grouped by type. */
  public LineageAnswer<Impact> impact(Principal caller, LineageRequest request) {
    TraversalQuery query = query(caller, request, MAX_PAGE);
    LineageAnswer<TraversalResult> walked =
        router.ask(
            Shape.IMPACT, request.engine(), request.minPosition(), graph -> graph.traverse(query));
    TraversalResult result = walked.result();
    Map<String, List<TraversedNode>> byType = new TreeMap<>();
    List<TraversedNode> redacted = new ArrayList<>();
    for (TraversedNode node : result.nodes()) {
      if (node.hops() == 0) {
        continue;
      }
      if (node.node().redacted()) {
        redacted.add(node);
      } else {
        byType.computeIfAbsent(node.node().typeName(), t -> new ArrayList<>()).add(node);
      }
    }
    int total = byType.values().stream().mapToInt(List::size).sum() + redacted.size();
    return walked.with(new Impact(byType, redacted, result.truncated(), total));
  }

  /**
   * Shortest paths between two nodes the caller may read; nodes between them in workspaces it
   * cannot read are redacted.
   */
  public LineageAnswer<List<Path>> paths(Principal caller, PathsRequest request) {
    readableWorkspaceOf(caller, request.from(), "from");
    readableWorkspaceOf(caller, request.to(), "to");
    Visibility visibility = visibility(caller);
    checkHops(request.maxHops());
    if (request.limit() < 1 || request.limit() > 1000) {
      throw new InvalidArgumentException(
          "limit", "must be between 1 and 1000; got " + request.limit());
    }
    return router.ask(
        Shape.PATHS,
        request.engine(),
        request.minPosition(),
        graph ->
            graph.paths(
                visibility,
                request.from(),
                request.to(),
                request.direction(),
                request.maxHops(),
                request.limit()));
  }

  private TraversalQuery query(Principal caller, LineageRequest request, int pageSize) {
    List<NodeKey> start = startNodes(caller, request.start());
    for (NodeKey key : start) {
      readableWorkspaceOf(caller, key, "start");
    }
    checkHops(request.maxHops());
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new InvalidArgumentException(
          "page_size", "must be between 1 and " + MAX_PAGE + "; got " + pageSize);
    }
    Duration budget = request.timeBudget().orElseGet(router::defaultTimeBudget);
    if (budget.isNegative()) {
      throw new InvalidArgumentException("time_budget", "must be positive");
    }
    return new TraversalQuery(
        visibility(caller),
        start,
        request.direction(),
        request.maxHops(),
        request.filter() == null ? NodeFilter.any() : request.filter(),
        request.stopAt(),
        pageSize,
        request.cursor(),
        budget);
  }

  /**
   * The start's nodes: the ids given plus every artifact and execution the filters match (for
   * example "the running deployments of model-test"), so one query can start from them.
   */
  private List<NodeKey> startNodes(Principal caller, LineageRequest.Start start) {
    List<NodeKey> keys = new ArrayList<>();
    start.artifactIds().forEach(id -> keys.add(NodeKey.artifact(positive("artifact_ids", id))));
    start.executionIds().forEach(id -> keys.add(NodeKey.execution(positive("execution_ids", id))));
    if (start.selects()) {
      String workspace =
          start
              .workspace()
              .orElseThrow(
                  () ->
                      new InvalidArgumentException("workspace", "is required with start filters"));
      PageRequest page = PageRequest.first(MAX_SELECTED_STARTS);
      if (start.artifacts().isPresent()) {
        var matched = artifactService.list(caller, workspace, start.artifacts().get(), page);
        tooMany("startArtifacts", matched.nextPageToken());
        matched.items().forEach(a -> keys.add(NodeKey.artifact(a.id())));
      }
      if (start.executions().isPresent()) {
        var matched = executionService.list(caller, workspace, start.executions().get(), page);
        tooMany("startExecutions", matched.nextPageToken());
        matched.items().forEach(e -> keys.add(NodeKey.execution(e.id())));
      }
      if (keys.isEmpty()) {
        throw new NotFoundException("no artifact or execution matches the start filters");
      }
    }
    if (keys.isEmpty()) {
      throw new InvalidArgumentException("start", "needs at least one artifact or execution id");
    }
    return keys;
  }

  private static void tooMany(String field, @Nullable String nextPage) {
    if (nextPage != null) {
      throw new InvalidArgumentException(
          field, "matches more than " + MAX_SELECTED_STARTS + " entities; narrow the filter");
    }
  }

  /**
   * The workspaces whose nodes the caller's walks show; the walks cross into others too and return
   * their nodes redacted.
   */
  private Visibility visibility(Principal caller) {
    return access
        .permissions(caller)
        .readableWorkspaces()
        .map(Visibility::of)
        .orElseGet(Visibility::all);
  }

  /**
   * The workspace of a node the caller may read: a walk may start there. A node in a workspace the
   * caller cannot read does not exist for it.
   */
  private long readableWorkspaceOf(Principal caller, NodeKey key, String field) {
    long workspace = workspaceOf(key, field);
    if (!access.permissions(caller).may(workspace, Role.READER)) {
      throw missing(key, field);
    }
    return workspace;
  }

  private static NotFoundException missing(NodeKey key, String field) {
    return new NotFoundException(field + ": " + key + " does not exist");
  }

  private long workspaceOf(NodeKey key, String field) {
    Optional<Long> indexed = router.indexedWorkspaceOf(key);
    if (indexed.isPresent()) {
      return indexed.get();
    }
    Optional<Long> workspace =
        QuarkusTransaction.joiningExisting()
            .call(
                () ->
                    switch (key.kind()) {
                      case ARTIFACT -> artifacts.workspaceOf(key.id());
                      case EXECUTION -> executions.workspaceOf(key.id());
                    });
    return workspace.orElseThrow(() -> missing(key, field));
  }

  private static void checkHops(int maxHops) {
    if (maxHops < 0 || maxHops > MAX_HOPS) {
      throw new InvalidArgumentException(
          "max_hops", "must be between 0 and " + MAX_HOPS + "; got " + maxHops);
    }
  }

  private static long positive(String field, long id) {
    if (id <= 0) {
      throw new InvalidArgumentException(field, "must hold positive ids; got " + id);
    }
    return id;
  }
}
