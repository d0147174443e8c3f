package io.mlmeta.graph.neo4j;

import io.mlmeta.graph.GraphCounts;
import io.mlmeta.graph.Path;
import io.mlmeta.graph.Scope;
import io.mlmeta.graph.TraversalQuery;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.graph.WritableLineageGraph;
import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.EdgeKey;
import io.mlmeta.graph.model.EdgeType;
import io.mlmeta.graph.model.GraphChange;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.NodeKind;
import io.mlmeta.graph.model.Visibility;
import io.mlmeta.graph.support.Batches;
import io.mlmeta.graph.support.FrontierTraversal;
import io.mlmeta.graph.support.NeighbourSource;
import io.mlmeta.graph.support.ShortestPaths;
import io.mlmeta.graph.support.Step;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * The lineage graph in Neo4j, the graph that users can also explore with Neo4j's own tools.
 *
 * <p>Model: every node has the label {@code :Node} (unique property {@code key}, for example {@code
 * artifact:42}) and {@code :Artifact} or {@code :Execution}, with the properties {@code id}, {@code
 * workspaceId}, {@code typeName}, {@code state}, {@code name}, {@code uri} and {@code createTime}.
 * Relationships {@code :INPUT} (artifact -> execution) and {@code :OUTPUT} (execution -> artifact)
 * point in data-flow direction and carry {@code time}.
 *
 * <p>Writes are {@code UNWIND $rows ... MERGE} on the stable keys in managed write transactions of
 * {@value #WRITE_BATCH_SIZE} rows, so replaying any change set is harmless. Traversals expand one
 * hop level per query inside a single read transaction; shortest paths use Cypher's {@code
 * allShortestPaths}. The caller owns the {@link Driver}.
 */
public final class Neo4jLineageGraph implements WritableLineageGraph {

  public static final String ENGINE = "neo4j";
  public static final int WRITE_BATCH_SIZE = 5_000;

  private static final int INDEX_WAIT_SECONDS = 300;
  private static final int READ_BATCH_SIZE = 5_000;

  private final Driver driver;
  private final SessionConfig sessionConfig;

  private Neo4jLineageGraph(Driver driver, SessionConfig sessionConfig) {
    this.driver = driver;
    this.sessionConfig = sessionConfig;
  }

  /** Opens the graph in the default database, creating its constraint and indexes if missing. */
  public static Neo4jLineageGraph open(Driver driver) {
    return open(driver, SessionConfig.defaultConfig());
  }

  /** Opens the graph in the named database, creating its constraint and indexes if missing. */
  public static Neo4jLineageGraph open(Driver driver, String database) {
    return open(driver, SessionConfig.forDatabase(database));
  }

  private static Neo4jLineageGraph open(Driver driver, SessionConfig sessionConfig) {
    Neo4jLineageGraph graph =
        new Neo4jLineageGraph(Objects.requireNonNull(driver, "driver"), sessionConfig);
    graph.createSchema();
    return graph;
  }

  private void createSchema() {
    dropUnusableIndexes();
    // Schema changes cannot share a transaction with other statements: one transaction each.
    for (String statement : Cypher.SCHEMA) {
      write(tx -> tx.run(statement).consume());
    }
    read(
        tx -> tx.run(Cypher.AWAIT_INDEXES, Map.of("timeoutSeconds", INDEX_WAIT_SECONDS)).consume());
  }

  /**
   * Removes the schema's indexes that waiting cannot make usable, so that creating the schema
   * builds them again: an index whose population failed (a value it cannot hold, or a crash while
   * it was built), and an index holding the key constraint's name without the constraint, which a
   * crash between the two steps of creating the constraint leaves and which would make {@code
   * CREATE CONSTRAINT} fail on every attempt. An index that fails again is reported by {@code
   * db.awaitIndexes} with its name and Neo4j's reason.
   */
  private void dropUnusableIndexes() {
    List<Record> indexes =
        read(
            tx ->
                tx.run(
                        Cypher.SCHEMA_INDEXES,
                        Map.of("names", List.copyOf(Cypher.DROP_INDEX.keySet())))
                    .list());
    for (Record index : indexes) {
      String name = index.get("name").asString();
      boolean failed = "FAILED".equals(index.get("state").asString());
      boolean constraintIndex = !index.get("owningConstraint").isNull();
      if (constraintIndex && failed) {
        write(tx -> tx.run(Cypher.DROP_KEY_CONSTRAINT).consume());
      } else if (failed || (name.equals(Cypher.KEY_CONSTRAINT) && !constraintIndex)) {
        write(tx -> tx.run(Cypher.DROP_INDEX.get(name)).consume());
      }
    }
  }

  @Override
  public String engine() {
    return ENGINE;
  }

  @Override
  public void apply(ChangeSet changes) {
    for (List<GraphChange> run : changes.runs()) {
      GraphChange first = run.get(0);
      if (first instanceof GraphChange.UpsertNode) {
        upsertNodes(run.stream().map(change -> ((GraphChange.UpsertNode) change).node()).toList());
      } else if (first instanceof GraphChange.UpsertEdge) {
        upsertEdges(run.stream().map(change -> ((GraphChange.UpsertEdge) change).edge()).toList());
      } else if (first instanceof GraphChange.DeleteEdge) {
        deleteEdges(run.stream().map(change -> ((GraphChange.DeleteEdge) change).key()).toList());
      } else if (first instanceof GraphChange.DeleteNode) {
        deleteNodes(run.stream().map(change -> ((GraphChange.DeleteNode) change).key()).toList());
      }
    }
  }

  private void upsertNodes(List<Node> nodes) {
    for (NodeKind kind : NodeKind.values()) {
      String statement =
          kind == NodeKind.ARTIFACT ? Cypher.UPSERT_ARTIFACTS : Cypher.UPSERT_EXECUTIONS;
      List<Map<String, Object>> rows =
          nodes.stream().filter(node -> node.kind() == kind).map(Neo4jLineageGraph::row).toList();
      for (List<Map<String, Object>> batch : Batches.of(rows, WRITE_BATCH_SIZE)) {
        write(tx -> tx.run(statement, Map.of("rows", batch)).consume());
      }
    }
  }

  private void upsertEdges(List<Edge> edges) {
    for (EdgeType type : EdgeType.values()) {
      String statement =
          type == EdgeType.INPUT ? Cypher.UPSERT_INPUT_EDGES : Cypher.UPSERT_OUTPUT_EDGES;
      List<Map<String, Object>> rows =
          edges.stream().filter(edge -> edge.type() == type).map(Neo4jLineageGraph::row).toList();
      for (List<Map<String, Object>> batch : Batches.of(rows, WRITE_BATCH_SIZE)) {
        write(
            tx -> {
              long applied =
                  tx.run(statement, Map.of("rows", batch)).single().get("applied").asLong();
              if (applied != batch.size()) {
                // Thrown inside the callback, so the batch rolls back.
                throw new IllegalArgumentException(
                    (batch.size() - applied) + " edge(s) have an end that does not exist");
              }
              return applied;
            });
      }
    }
  }

  private void deleteEdges(List<EdgeKey> keys) {
    for (EdgeType type : EdgeType.values()) {
      String statement =
          type == EdgeType.INPUT ? Cypher.DELETE_INPUT_EDGES : Cypher.DELETE_OUTPUT_EDGES;
      List<Map<String, Object>> rows =
          keys.stream()
              .filter(key -> key.type() == type)
              .map(
                  key ->
                      Map.<String, Object>of(
                          "from", key.from().toString(), "to", key.to().toString()))
              .toList();
      for (List<Map<String, Object>> batch : Batches.of(rows, WRITE_BATCH_SIZE)) {
        write(tx -> tx.run(statement, Map.of("rows", batch)).consume());
      }
    }
  }

  private void deleteNodes(List<NodeKey> keys) {
    List<String> keyStrings = keys.stream().map(NodeKey::toString).toList();
    for (List<String> batch : Batches.of(keyStrings, WRITE_BATCH_SIZE)) {
      write(tx -> tx.run(Cypher.DELETE_NODES, Map.of("keys", batch)).consume());
    }
  }

  @Override
  public TraversalResult traverse(TraversalQuery query) {
    // One read transaction for the whole walk, so every level sees the same committed state.
    return read(tx -> FrontierTraversal.traverse(query, new TransactionView(tx), ENGINE));
  }

  @Override
  public List<Path> paths(
      Visibility visibility,
      NodeKey from,
      NodeKey to,
      Direction direction,
      int maxHops,
      int limit) {
    ShortestPaths.validate(maxHops, limit);
    return read(
        tx -> {
          TransactionView view = new TransactionView(tx);
          Node start =
              ShortestPaths.visibleStart(view.nodes(List.of(from, to)), visibility, from, to);
          if (start == null) {
            return List.of();
          }
          if (from.equals(to)) {
            return List.of(ShortestPaths.trivialPath(direction, start));
          }
          List<Path> paths = new ArrayList<>();
          for (Direction walk : direction.walks()) {
            String statement =
                walk == Direction.DOWNSTREAM
                    ? Cypher.SHORTEST_PATHS_DOWNSTREAM
                    : Cypher.SHORTEST_PATHS_UPSTREAM;
            Map<String, Object> parameters =
                Map.of(
                    "from",
                    from.toString(),
                    "to",
                    to.toString(),
                    "maxHops",
                    maxHops,
                    "limit",
                    limit);
            for (Record record : tx.run(statement, parameters).list()) {
              List<Node> nodes = record.get("nodes").asList(value -> node(value).as(visibility));
              List<Edge> edges =
                  record
                      .get("edges")
                      .asList(
                          value ->
                              edge(
                                  value.get("from").asString(),
                                  value.get("to").asString(),
                                  value.get("time")));
              paths.add(new Path(walk, nodes, edges));
            }
          }
          return ShortestPaths.shortestFirst(paths, limit);
        });
  }

  @Override
  public GraphCounts counts(Scope scope) {
    return read(
        tx -> {
          Map<String, Object> parameters = workspaceParameter(scope);
          Map<NodeKind, Map<String, Long>> nodes = new EnumMap<>(NodeKind.class);
          for (Record record : tx.run(Cypher.COUNT_NODES, parameters).list()) {
            NodeKind kind =
                record.get("artifact").asBoolean() ? NodeKind.ARTIFACT : NodeKind.EXECUTION;
            nodes
                .computeIfAbsent(kind, unused -> new HashMap<>())
                .merge(record.get("typeName").asString(), record.get("count").asLong(), Long::sum);
          }
          Map<EdgeType, Long> edges = new EnumMap<>(EdgeType.class);
          for (Record record : tx.run(Cypher.COUNT_EDGES, parameters).list()) {
            edges.put(
                EdgeType.valueOf(record.get("type").asString()), record.get("count").asLong());
          }
          return new GraphCounts(nodes, edges);
        });
  }

  @Override
  public List<Node> nodes(Scope scope, Optional<NodeKey> after, int limit) {
    requirePositive(limit);
    return read(
        tx -> {
          List<Node> page = new ArrayList<>();
          for (NodeKind kind : NodeKind.values()) {
            if (after.isPresent() && after.get().kind().compareTo(kind) > 0) {
              continue;
            }
            long afterId = after.filter(key -> key.kind() == kind).map(NodeKey::id).orElse(0L);
            Map<String, Object> parameters = workspaceParameter(scope);
            parameters.put("afterId", afterId);
            parameters.put("limit", limit - page.size());
            String statement =
                kind == NodeKind.ARTIFACT ? Cypher.ARTIFACT_PAGE : Cypher.EXECUTION_PAGE;
            for (Record record : tx.run(statement, parameters).list()) {
              page.add(node(record.get("n")));
            }
            if (page.size() == limit) {
              break;
            }
          }
          return page;
        });
  }

  @Override
  public List<Edge> edges(Scope scope, Optional<EdgeKey> after, int limit) {
    requirePositive(limit);
    return read(
        tx -> {
          List<Edge> page = new ArrayList<>();
          for (EdgeType type : EdgeType.values()) {
            if (after.isPresent() && after.get().type().compareTo(type) > 0) {
              continue;
            }
            Optional<EdgeKey> sameType = after.filter(key -> key.type() == type);
            Map<String, Object> parameters = workspaceParameter(scope);
            parameters.put("afterFromId", sameType.map(key -> key.from().id()).orElse(0L));
            parameters.put("afterToId", sameType.map(key -> key.to().id()).orElse(0L));
            parameters.put("limit", limit - page.size());
            String statement =
                type == EdgeType.INPUT ? Cypher.INPUT_EDGE_PAGE : Cypher.OUTPUT_EDGE_PAGE;
            for (Record record : tx.run(statement, parameters).list()) {
              page.add(
                  edge(
                      record.get("from").asString(),
                      record.get("to").asString(),
                      record.get("time")));
            }
            if (page.size() == limit) {
              break;
            }
          }
          return page;
        });
  }

  @Override
  public void clear() {
    deleteInBatches(Cypher.DELETE_SOME_EDGES);
    deleteInBatches(Cypher.DELETE_SOME_NODES);
  }

  private void deleteInBatches(String statement) {
    long deleted;
    do {
      deleted =
          write(
              tx ->
                  tx.run(statement, Map.of("limit", WRITE_BATCH_SIZE))
                      .single()
                      .get("deleted")
                      .asLong());
    } while (deleted > 0);
  }

  private <T> T read(TransactionCallback<T> work) {
    try (Session session = driver.session(sessionConfig)) {
      return session.executeRead(work);
    }
  }

  private <T> T write(TransactionCallback<T> work) {
    try (Session session = driver.session(sessionConfig)) {
      return session.executeWrite(work);
    }
  }

  private static Map<String, Object> workspaceParameter(Scope scope) {
    // A HashMap: Map.of refuses the null that means "every workspace".
    Map<String, Object> parameters = new HashMap<>();
    parameters.put(
        "workspaceId", scope.workspaceId().isPresent() ? scope.workspaceId().getAsLong() : null);
    return parameters;
  }

  private static Map<String, Object> row(Node node) {
    Map<String, Object> row = new HashMap<>();
    row.put("key", node.key().toString());
    row.put("id", node.key().id());
    row.put("workspaceId", node.workspaceId());
    row.put("typeName", node.typeName());
    row.put("state", node.state());
    row.put("name", node.name());
    row.put("uri", node.uri());
    row.put("createTime", dateTime(node.createTime()));
    return row;
  }

  private static Map<String, Object> row(Edge edge) {
    return Map.of(
        "from", edge.from().toString(), "to", edge.to().toString(), "time", dateTime(edge.time()));
  }

  private static OffsetDateTime dateTime(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Node node(Value value) {
    return new Node(
        NodeKey.parse(value.get("key").asString()),
        value.get("workspaceId").asLong(),
        value.get("typeName").asString(),
        value.get("state").asString(),
        nullableString(value.get("name")),
        nullableString(value.get("uri")),
        value.get("createTime").asZonedDateTime().toInstant());
  }

  private static Edge edge(String from, String to, Value time) {
    NodeKey fromKey = NodeKey.parse(from);
    return new Edge(
        fromKey,
        NodeKey.parse(to),
        EdgeType.flowingFrom(fromKey.kind()),
        time.asZonedDateTime().toInstant());
  }

  private static @Nullable String nullableString(Value value) {
    return value.isNull() ? null : value.asString();
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }

  /** The graph as seen from one read transaction. */
  private static final class TransactionView implements NeighbourSource {
    private final TransactionContext tx;

    TransactionView(TransactionContext tx) {
      this.tx = tx;
    }

    @Override
    public Map<NodeKey, Node> nodes(Collection<NodeKey> keys) {
      Map<NodeKey, Node> found = new LinkedHashMap<>();
      for (List<String> batch : Batches.of(keyStrings(keys), READ_BATCH_SIZE)) {
        Map<String, Object> parameters = Map.of("keys", batch);
        for (Record record : tx.run(Cypher.NODES_BY_KEY, parameters).list()) {
          Node node = node(record.get("n"));
          found.put(node.key(), node);
        }
      }
      return found;
    }

    @Override
    public List<Step> expand(Collection<NodeKey> frontier, Direction direction) {
      boolean downstream = direction == Direction.DOWNSTREAM;
      String statement = downstream ? Cypher.EXPAND_DOWNSTREAM : Cypher.EXPAND_UPSTREAM;
      Map<String, Object> parameters = Map.of("keys", keyStrings(frontier));
      return tx.run(statement, parameters).list(record -> step(record, downstream));
    }

    private static Step step(Record record, boolean downstream) {
      NodeKey origin = NodeKey.parse(record.get("origin").asString());
      Node neighbour = node(record.get("neighbour"));
      NodeKey from = downstream ? origin : neighbour.key();
      NodeKey to = downstream ? neighbour.key() : origin;
      Edge edge =
          new Edge(
              from,
              to,
              EdgeType.flowingFrom(from.kind()),
              record.get("time").asZonedDateTime().toInstant());
      return new Step(origin, edge, neighbour);
    }

    @Override
    public List<Edge> edgesBetween(Collection<NodeKey> ends, Set<NodeKey> otherEnds) {
      if (ends.isEmpty() || otherEnds.isEmpty()) {
        return List.of();
      }
      Map<String, Object> parameters =
          Map.of("keys", keyStrings(ends), "otherKeys", keyStrings(otherEnds));
      return tx.run(Cypher.EDGES_BETWEEN, parameters)
          .list(
              record ->
                  edge(
                      record.get("from").asString(),
                      record.get("to").asString(),
                      record.get("time")));
    }

    @Override
    public int batchSize() {
      return READ_BATCH_SIZE;
    }

    private static List<String> keyStrings(Collection<NodeKey> keys) {
      return keys.stream().map(NodeKey::toString).toList();
    }
  }
}
