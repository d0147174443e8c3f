package io.mlmeta.server.service;

import io.mlmeta.graph.LineageGraph;
import io.mlmeta.graph.NodeFilter;
import io.mlmeta.graph.Path;
import io.mlmeta.graph.TraversalQuery;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.graph.TraversedNode;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.ArtifactFilter;
import io.mlmeta.server.domain.ExecutionFilter;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.lineage.LineageEngines;
import io.mlmeta.server.lineage.LineageIndex;
import io.mlmeta.server.store.ArtifactStore;
import io.mlmeta.server.store.ExecutionStore;
import io.mlmeta.server.store.OutboxStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lineage queries, answered by the engine the router picks for the query's shape. PostgreSQL (the
 * source of truth) can answer anything; Neo4j answers only when its mirror has caught up with every
 * write the query must see (the latest outbox position, or a position the client asks for).
 */
@ServiceBoundary
@ApplicationScoped
public class LineageQueryService {

  public static final String POSTGRES = "postgres";
  public static final String NEO4J = "neo4j";
  public static final String MEMORY = "memory";
  private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(2);
  private static final int MAX_HOPS = TraversalQuery.MAX_HOPS_LIMIT;
  private static final int MAX_PAGE = TraversalQuery.MAX_PAGE_SIZE;

  private final LineageEngines engines;
  private final LineageIndex index;
  private final OutboxStore outbox;
  private final ArtifactStore artifacts;
  private final ExecutionStore executions;
  private final MlmetaConfig.Lineage.Router router;
  private final ArtifactService artifactService;
  private final ExecutionService executionService;

  LineageQueryService(
      LineageEngines engines,
      LineageIndex index,
      OutboxStore outbox,
      ArtifactStore artifacts,
      ExecutionStore executions,
      ArtifactService artifactService,
      ExecutionService executionService,
      MlmetaConfig config) {
    this.artifactService = artifactService;
    this.executionService = executionService;
    this.engines = engines;
    this.index = index;
    this.outbox = outbox;
    this.artifacts = artifacts;
    this.executions = executions;
    this.router = config.lineage().router();
  }

  /** A walk from start nodes; see {@link io.mlmeta.graph.LineageGraph} for the semantics. */
  public record Walk(
      List<Long> artifactIds,
      List<Long> executionIds,
      Direction direction,
      int maxHops,
      NodeFilter returnFilter,
      Optional<NodeFilter> stopAt,
      int pageSize,
      String cursor,
      Duration timeBudget,
      String engine,
      long minPosition) {}

  /** A result and where it came from. */
  public record Answer<T>(
      T result, String engine, String reason, long mirrorPosition, long requiredPosition) {}

  /** Downstream dependants of the start nodes, grouped by type name. */
  public record Impact(Map<String, List<TraversedNode>> byType, boolean truncated, int total) {}

  /** Start nodes chosen by filters rather than ids: at most this many of each kind. */
  public static final int MAX_SELECTED_STARTS = 1000;

  /** Start node ids: the given ones plus every artifact and execution the filters match. */
  public record Starts(List<Long> artifactIds, List<Long> executionIds) {}

  /**
   * Resolves start nodes given by filters (for example "the running deployments of model-test") so
   * that one lineage query can start from them.
   *
   * @throws InvalidArgumentException if a filter is given without a workspace or matches too many
   */
  public Starts starts(
      List<Long> artifactIds,
      List<Long> executionIds,
      String workspace,
      ArtifactFilter artifactFilter,
      ExecutionFilter executionFilter) {
    List<Long> artifacts = new ArrayList<>(artifactIds);
    List<Long> executions = new ArrayList<>(executionIds);
    if (artifactFilter == null && executionFilter == null) {
      return new Starts(artifacts, executions);
    }
    if (workspace == null || workspace.isBlank()) {
      throw new InvalidArgumentException("workspace", "is required with start filters");
    }
    PageRequest page = PageRequest.first(MAX_SELECTED_STARTS);
    if (artifactFilter != null) {
      var matched = artifactService.list(workspace, artifactFilter, page);
      tooMany("startArtifacts", matched.nextPageToken());
      matched.items().forEach(a -> artifacts.add(a.id()));
    }
    if (executionFilter != null) {
      var matched = executionService.list(workspace, executionFilter, page);
      tooMany("startExecutions", matched.nextPageToken());
      matched.items().forEach(e -> executions.add(e.id()));
    }
    if (artifacts.isEmpty() && executions.isEmpty()) {
      throw new NotFoundException("no artifact or execution matches the start filters");
    }
    return new Starts(artifacts, executions);
  }

  private static void tooMany(String field, String nextPage) {
    if (nextPage != null) {
      throw new InvalidArgumentException(
          field, "matches more than " + MAX_SELECTED_STARTS + " entities; narrow the filter");
    }
  }

  /**
   * @throws NotFoundException if a start node does not exist
   * @throws InvalidArgumentException for bad bounds, mixed workspaces or an unknown engine
   */
  public Answer<TraversalResult> traverse(Walk walk) {
    TraversalQuery query = query(walk);
    Route route = route(walk.engine(), router.traverse(), walk.minPosition());
    try {
      return answer(route, graph -> graph.traverse(query));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("cursor", e.getMessage());
    }
  }

  /**
   * Asks the routed engine; if Neo4j or the index fails mid-query (Neo4j went down after routing),
   * PostgreSQL answers instead, so neither ever fails a read.
   */
  private <T> Answer<T> answer(Route route, java.util.function.Function<LineageGraph, T> ask) {
    try {
      return route.answer(ask.apply(route.graph));
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      if (route.graph == engines.postgres()) {
        throw e;
      }
      Route fallback =
          new Route(
              engines.postgres(),
              route.graph.engine() + " failed",
              route.mirrorPosition,
              route.requiredPosition);
      return fallback.answer(ask.apply(fallback.graph));
    }
  }

  /** Everything downstream of the start nodes (what breaks if they are bad), grouped by type. */
  public Answer<Impact> impact(Walk walk) {
    Walk downstream =
        new Walk(
            walk.artifactIds(),
            walk.executionIds(),
            Direction.DOWNSTREAM,
            walk.maxHops(),
            walk.returnFilter(),
            walk.stopAt(),
            MAX_PAGE,
            walk.cursor(),
            walk.timeBudget(),
            walk.engine(),
            walk.minPosition());
    TraversalQuery query = query(downstream);
    Route route = route(walk.engine(), router.impact(), walk.minPosition());
    Answer<TraversalResult> walked = answer(route, graph -> graph.traverse(query));
    TraversalResult result = walked.result();
    Map<String, List<TraversedNode>> byType = new TreeMap<>();
    for (TraversedNode node : result.nodes()) {
      if (node.hops() > 0) {
        byType.computeIfAbsent(node.node().typeName(), t -> new ArrayList<>()).add(node);
      }
    }
    int total = byType.values().stream().mapToInt(List::size).sum();
    return new Answer<>(
        new Impact(byType, result.truncated(), total),
        walked.engine(),
        walked.reason(),
        walked.mirrorPosition(),
        walked.requiredPosition());
  }

  /** Shortest paths between two nodes of one workspace. */
  public Answer<List<Path>> paths(
      NodeKey from,
      NodeKey to,
      Direction direction,
      int maxHops,
      int limit,
      String engine,
      long minPosition) {
    long workspace = workspaceOf(from, "from");
    if (workspaceOf(to, "to") != workspace) {
      throw new InvalidArgumentException("to", "is in another workspace than from");
    }
    checkHops(maxHops);
    if (limit < 1 || limit > 1000) {
      throw new InvalidArgumentException("limit", "must be between 1 and 1000; got " + limit);
    }
    Route route = route(engine, router.paths(), minPosition);
    return answer(route, graph -> graph.paths(workspace, from, to, direction, maxHops, limit));
  }

  private TraversalQuery query(Walk walk) {
    List<NodeKey> start = new ArrayList<>();
    walk.artifactIds().forEach(id -> start.add(NodeKey.artifact(positive("artifact_ids", id))));
    walk.executionIds().forEach(id -> start.add(NodeKey.execution(positive("execution_ids", id))));
    if (start.isEmpty()) {
      throw new InvalidArgumentException("start", "needs at least one artifact or execution id");
    }
    long workspace = workspaceOf(start.get(0), "start");
    for (NodeKey key : start) {
      if (workspaceOf(key, "start") != workspace) {
        throw new InvalidArgumentException("start", "nodes must all be in one workspace");
      }
    }
    checkHops(walk.maxHops());
    if (walk.pageSize() < 1 || walk.pageSize() > MAX_PAGE) {
      throw new InvalidArgumentException(
          "page_size", "must be between 1 and " + MAX_PAGE + "; got " + walk.pageSize());
    }
    Duration budget =
        walk.timeBudget() == null || walk.timeBudget().isZero()
            ? router.timeBudget()
            : walk.timeBudget();
    if (budget.isNegative()) {
      throw new InvalidArgumentException("time_budget", "must be positive");
    }
    return new TraversalQuery(
        workspace,
        start,
        walk.direction() == null ? Direction.UPSTREAM : walk.direction(),
        walk.maxHops(),
        walk.returnFilter() == null ? NodeFilter.any() : walk.returnFilter(),
        walk.stopAt() == null
            ? Optional.empty()
            // An empty stop-at filter would match every node; clients mean "no stop-at".
            : walk.stopAt().filter(stop -> !stop.acceptsAll()),
        walk.pageSize(),
        Optional.ofNullable(walk.cursor()).filter(c -> !c.isEmpty()),
        budget);
  }

  private long workspaceOf(NodeKey key, String field) {
    Optional<Long> indexed = index.workspaceOf(key);
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
    return workspace.orElseThrow(
        () -> new NotFoundException(field + ": " + key + " does not exist"));
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

  /** The engine chosen for one query, and why. */
  private record Route(
      LineageGraph graph, String reason, long mirrorPosition, long requiredPosition) {

    <T> Answer<T> answer(T result) {
      return new Answer<>(result, graph.engine(), reason, mirrorPosition, requiredPosition);
    }
  }

  private Route route(String requested, String configured, long minPosition) {
    String preferred =
        requested == null || requested.isBlank() ? configured : requested.toLowerCase(Locale.ROOT);
    OutboxStore.Positions positions = outbox.positions();
    long required = Math.max(minPosition, positions.latest());
    long mirror = positions.mirror();
    String why = requested == null || requested.isBlank() ? "router" : "requested";
    return switch (preferred) {
      case POSTGRES -> new Route(engines.postgres(), why, mirror, required);
      case NEO4J -> neo4jRoute(why, mirror, required);
      case MEMORY -> memoryRoute(why, mirror, required);
      default ->
          throw new InvalidArgumentException(
              "engine", "must be memory, postgres or neo4j; got '" + requested + "'");
    };
  }

  private Route memoryRoute(String why, long mirror, long required) {
    Optional<LineageGraph> memory = index.caughtUpTo(required, CATCH_UP_WAIT);
    if (memory.isEmpty()) {
      String state = index.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      return new Route(engines.postgres(), "memory index " + state, mirror, required);
    }
    return new Route(memory.get(), why, mirror, required);
  }

  private Route neo4jRoute(String why, long mirror, long required) {
    Optional<LineageGraph> neo4j = engines.neo4j();
    if (neo4j.isEmpty()) {
      return new Route(engines.postgres(), "neo4j unavailable", mirror, required);
    }
    Instant deadline = Instant.now().plus(CATCH_UP_WAIT);
    long position = mirror;
    while (position < required && Instant.now().isBefore(deadline)) {
      sleep();
      position = outbox.positions().mirror();
    }
    if (position < required) {
      return new Route(engines.postgres(), "neo4j mirror behind", position, required);
    }
    return new Route(neo4j.get(), why, position, required);
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
