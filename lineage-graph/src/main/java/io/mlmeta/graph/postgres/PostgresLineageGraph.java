package io.mlmeta.graph.postgres;

import io.mlmeta.graph.GraphCounts;
import io.mlmeta.graph.LineageGraph;
import io.mlmeta.graph.NodeFilter;
import io.mlmeta.graph.Path;
import io.mlmeta.graph.Scope;
import io.mlmeta.graph.TraversalQuery;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.EdgeKey;
import io.mlmeta.graph.model.EdgeType;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.NodeKind;
import io.mlmeta.graph.model.Visibility;
import io.mlmeta.graph.support.Batches;
import io.mlmeta.graph.support.Deadline;
import io.mlmeta.graph.support.NeighbourSource;
import io.mlmeta.graph.support.ShortestPaths;
import io.mlmeta.graph.support.Step;
import io.mlmeta.graph.support.TraversalPager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Lineage read straight from the metadata store's tables with recursive SQL: {@code artifact} and
 * {@code execution} are the nodes (type names from {@code metadata_type}), {@code event} rows the
 * edges (INPUT: artifact -> execution, OUTPUT: execution -> artifact). The server writes those
 * tables, so this engine takes no writes of its own.
 *
 * <p>A traversal is one recursive query whose rows arrive hop level by hop level through a JDBC
 * cursor; reading stops as soon as the page is decided or the time budget is spent, so a first page
 * near a hub dataset does not pay for the whole closure. Every read runs in its own read-only
 * repeatable-read transaction, so it sees a single snapshot; give it a {@link DataSource} whose
 * connections are not enlisted in a caller's transaction.
 */
public final class PostgresLineageGraph implements LineageGraph {

  public static final String ENGINE = "postgres";

  private static final int FETCH_SIZE = 1_000;
  private static final int DEADLINE_CHECK_INTERVAL = 1_024;
  private static final int LOOKUP_BATCH_SIZE = 5_000;
  private static final String QUERY_CANCELED = "57014";

  private static final NamedSql TRAVERSE = NamedSql.load("traverse.sql");
  private static final NamedSql EXPAND = NamedSql.load("expand.sql");
  private static final NamedSql NODES = NamedSql.load("nodes.sql");
  private static final NamedSql EDGES_BETWEEN = NamedSql.load("edges-between.sql");
  private static final NamedSql TYPE_IDS = NamedSql.load("type-ids.sql");
  private static final NamedSql NODE_COUNTS = NamedSql.load("node-counts.sql");
  private static final NamedSql EDGE_COUNTS = NamedSql.load("edge-counts.sql");
  private static final NamedSql ARTIFACT_PAGE = NamedSql.load("artifact-page.sql");
  private static final NamedSql EXECUTION_PAGE = NamedSql.load("execution-page.sql");
  private static final NamedSql INPUT_EDGE_PAGE = NamedSql.load("input-edge-page.sql");
  private static final NamedSql OUTPUT_EDGE_PAGE = NamedSql.load("output-edge-page.sql");
  private static final NamedSql SET_STATEMENT_TIMEOUT =
      NamedSql.parse(
          "set-statement-timeout", "select set_config('statement_timeout', :timeout, true)");
  // A snapshot for the whole read, and custom plans: id arrays range from one id to thousands, and
  // a generic plan (which PostgreSQL may pick once the driver prepares a statement server-side)
  // cannot hash them, so it tests "= any(array)" linearly: measured 1.3 s instead of 28 ms for the
  // edges of a 10,000-node page next to a hub.
  private static final String BEGIN_READ =
      "set transaction isolation level repeatable read, read only;"
          + " select set_config('plan_cache_mode', 'force_custom_plan', true)";

  private final DataSource dataSource;

  public PostgresLineageGraph(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public String engine() {
    return ENGINE;
  }

  @Override
  public TraversalResult traverse(TraversalQuery query) {
    Deadline deadline = Deadline.after(query.timeBudget());
    return inReadTransaction(
        connection -> {
          TraversalPager pager = new TraversalPager(query);
          return pager.finish(
              walk(connection, query, pager, deadline), new ConnectionView(connection), ENGINE);
        });
  }

  /** Streams the recursive walk into the pager; true when every level was read. */
  private boolean walk(
      Connection connection, TraversalQuery query, TraversalPager pager, Deadline deadline)
      throws SQLException {
    Map<String, Object> parameters = traversalParameters(connection, query);
    // The savepoint undoes the statement timeout afterwards, and a cancelled walk with it.
    Savepoint beforeWalk = connection.setSavepoint();
    try {
      try (PreparedStatement timeout =
          SET_STATEMENT_TIMEOUT.prepare(
              connection, Map.of("timeout", deadline.remainingMillisAtLeastOne() + "ms"))) {
        timeout.execute();
      }
      try (PreparedStatement statement = TRAVERSE.prepare(connection, parameters)) {
        statement.setFetchSize(FETCH_SIZE);
        try (ResultSet rows = statement.executeQuery()) {
          return readLevels(rows, pager, deadline);
        }
      }
    } catch (SQLException e) {
      if (QUERY_CANCELED.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    } finally {
      connection.rollback(beforeWalk);
    }
  }

  private static boolean readLevels(ResultSet rows, TraversalPager pager, Deadline deadline)
      throws SQLException {
    Set<NodeKey> reached = new HashSet<>();
    List<NodeKey> level = new ArrayList<>();
    int levelHops = 0;
    long rowCount = 0;
    while (rows.next()) {
      int hops = rows.getInt("hops");
      if (hops != levelHops) {
        // The first row of the next level: the previous level is complete.
        if (pager.acceptLevel(levelHops, level) || deadline.expired()) {
          return false;
        }
        level = new ArrayList<>();
        levelHops = hops;
      }
      NodeKey key = new NodeKey(NodeKind.valueOf(rows.getString("kind")), rows.getLong("id"));
      if (reached.add(key) && rows.getBoolean("accepted")) {
        level.add(key);
      }
      if (++rowCount % DEADLINE_CHECK_INTERVAL == 0 && deadline.expired()) {
        return false;
      }
    }
    pager.acceptLevel(levelHops, level);
    return true;
  }

  private static Map<String, Object> traversalParameters(
      Connection connection, TraversalQuery query) throws SQLException {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("allVisible", query.visibility().includesAll());
    parameters.put(
        "visibleWorkspaceIds",
        Arrays.stream(query.visibility().workspaceIds()).boxed().toArray(Long[]::new));
    parameters.put("startArtifactIds", ids(query.startNodes(), NodeKind.ARTIFACT));
    parameters.put("startExecutionIds", ids(query.startNodes(), NodeKind.EXECUTION));
    parameters.put(
        "directions",
        Arrays.stream(query.direction().walks()).map(Enum::name).toArray(String[]::new));
    parameters.put("maxHops", query.maxHops());
    parameters.put("stopEnabled", query.stopAt().isPresent());
    putFilter(connection, parameters, "stop", query.stopAt().orElse(NodeFilter.any()));
    putFilter(connection, parameters, "return", query.returnFilter());
    return parameters;
  }

  private static void putFilter(
      Connection connection, Map<String, Object> parameters, String prefix, NodeFilter filter)
      throws SQLException {
    parameters.put(prefix + "AnyKind", filter.kinds().isEmpty());
    parameters.put(prefix + "Kinds", filter.kindNames().toArray(String[]::new));
    parameters.put(prefix + "AnyType", filter.typeNames().isEmpty());
    parameters.put(prefix + "TypeIds", typeIds(connection, filter.typeNames()));
    parameters.put(prefix + "AnyState", filter.states().isEmpty());
    parameters.put(prefix + "States", filter.states().toArray(String[]::new));
  }

  private static Long[] typeIds(Connection connection, Set<String> typeNames) throws SQLException {
    if (typeNames.isEmpty()) {
      return new Long[0];
    }
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement statement =
            TYPE_IDS.prepare(connection, Map.of("names", typeNames.toArray(String[]::new)));
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getLong("id"));
      }
    }
    return ids.toArray(Long[]::new);
  }

  @Override
  public List<Path> paths(
      Visibility visibility,
      NodeKey from,
      NodeKey to,
      Direction direction,
      int maxHops,
      int limit) {
    return inReadTransaction(
        connection ->
            ShortestPaths.find(
                new ConnectionView(connection), visibility, from, to, direction, maxHops, limit));
  }

  @Override
  public GraphCounts counts(Scope scope) {
    return inReadTransaction(
        connection -> {
          Map<String, Object> parameters = scopeParameters(scope);
          Map<NodeKind, Map<String, Long>> nodes = new EnumMap<>(NodeKind.class);
          try (PreparedStatement statement = NODE_COUNTS.prepare(connection, parameters);
              ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              nodes
                  .computeIfAbsent(
                      NodeKind.valueOf(rows.getString("kind")), unused -> new HashMap<>())
                  .put(rows.getString("type_name"), rows.getLong("count"));
            }
          }
          Map<EdgeType, Long> edges = new EnumMap<>(EdgeType.class);
          try (PreparedStatement statement = EDGE_COUNTS.prepare(connection, parameters);
              ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              edges.put(EdgeType.valueOf(rows.getString("type")), rows.getLong("count"));
            }
          }
          return new GraphCounts(nodes, edges);
        });
  }

  @Override
  public List<Node> nodes(Scope scope, Optional<NodeKey> after, int limit) {
    requirePositive(limit);
    return inReadTransaction(
        connection -> {
          List<Node> page = new ArrayList<>();
          for (NodeKind kind : NodeKind.values()) {
            if (page.size() == limit
                || after.isPresent() && after.get().kind().compareTo(kind) > 0) {
              continue;
            }
            Map<String, Object> parameters = scopeParameters(scope);
            parameters.put(
                "afterId", after.filter(key -> key.kind() == kind).map(NodeKey::id).orElse(0L));
            parameters.put("limit", limit - page.size());
            NamedSql sql = kind == NodeKind.ARTIFACT ? ARTIFACT_PAGE : EXECUTION_PAGE;
            try (PreparedStatement statement = sql.prepare(connection, parameters);
                ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                page.add(node(rows));
              }
            }
          }
          return page;
        });
  }

  @Override
  public List<Edge> edges(Scope scope, Optional<EdgeKey> after, int limit) {
    requirePositive(limit);
    return inReadTransaction(
        connection -> {
          List<Edge> page = new ArrayList<>();
          for (EdgeType type : EdgeType.values()) {
            if (page.size() == limit
                || after.isPresent() && after.get().type().compareTo(type) > 0) {
              continue;
            }
            Optional<EdgeKey> sameType = after.filter(key -> key.type() == type);
            Map<String, Object> parameters = scopeParameters(scope);
            parameters.put(
                "afterArtifactId", sameType.map(key -> artifactEnd(key).id()).orElse(0L));
            parameters.put(
                "afterExecutionId", sameType.map(key -> executionEnd(key).id()).orElse(0L));
            parameters.put("limit", limit - page.size());
            NamedSql sql = type == EdgeType.INPUT ? INPUT_EDGE_PAGE : OUTPUT_EDGE_PAGE;
            try (PreparedStatement statement = sql.prepare(connection, parameters);
                ResultSet rows = statement.executeQuery()) {
              while (rows.next()) {
                page.add(edge(rows));
              }
            }
          }
          return page;
        });
  }

  private interface ConnectionWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T inReadTransaction(ConnectionWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      try {
        connection.setAutoCommit(false);
        // One round trip instead of the JDBC setters (a statement each, and again to restore).
        try (Statement statement = connection.createStatement()) {
          statement.execute(BEGIN_READ);
        }
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new LineageStoreException("lineage read failed: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> scopeParameters(Scope scope) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("allWorkspaces", scope.workspaceId().isEmpty());
    parameters.put("workspaceId", scope.workspaceId().orElse(0L));
    return parameters;
  }

  private static Long[] ids(Collection<NodeKey> keys, NodeKind kind) {
    return keys.stream().filter(key -> key.kind() == kind).map(NodeKey::id).toArray(Long[]::new);
  }

  private static NodeKey artifactEnd(EdgeKey key) {
    return key.from().kind() == NodeKind.ARTIFACT ? key.from() : key.to();
  }

  private static NodeKey executionEnd(EdgeKey key) {
    return key.from().kind() == NodeKind.EXECUTION ? key.from() : key.to();
  }

  private static Node node(ResultSet rows) throws SQLException {
    return new Node(
        new NodeKey(NodeKind.valueOf(rows.getString("kind")), rows.getLong("id")),
        rows.getLong("workspace_id"),
        rows.getString("type_name"),
        rows.getString("state"),
        rows.getString("name"),
        rows.getString("uri"),
        instant(rows, "create_time"));
  }

  private static Edge edge(ResultSet rows) throws SQLException {
    NodeKey artifact = NodeKey.artifact(rows.getLong("artifact_id"));
    NodeKey execution = NodeKey.execution(rows.getLong("execution_id"));
    Instant time = instant(rows, "event_time");
    return EdgeType.valueOf(rows.getString("type")) == EdgeType.INPUT
        ? Edge.input(artifact, execution, time)
        : Edge.output(execution, artifact, time);
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }

  /** The store as seen from one transaction, for the shared walks. */
  private static final class ConnectionView implements NeighbourSource {
    private final Connection connection;

    ConnectionView(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Map<NodeKey, Node> nodes(Collection<NodeKey> keys) {
      Map<NodeKey, Node> found = new LinkedHashMap<>();
      for (List<NodeKey> batch : Batches.of(keys, LOOKUP_BATCH_SIZE)) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("artifactIds", ids(batch, NodeKind.ARTIFACT));
        parameters.put("executionIds", ids(batch, NodeKind.EXECUTION));
        query(
            NODES,
            parameters,
            rows -> {
              Node node = node(rows);
              found.put(node.key(), node);
            });
      }
      Map<NodeKey, Node> inRequestOrder = new LinkedHashMap<>();
      for (NodeKey key : keys) {
        if (found.containsKey(key)) {
          inRequestOrder.put(key, found.get(key));
        }
      }
      return inRequestOrder;
    }

    @Override
    public List<Step> expand(Collection<NodeKey> frontier, Direction direction) {
      boolean downstream = direction == Direction.DOWNSTREAM;
      Map<String, Object> parameters = new HashMap<>();
      parameters.put("artifactIds", ids(frontier, NodeKind.ARTIFACT));
      parameters.put("executionIds", ids(frontier, NodeKind.EXECUTION));
      parameters.put("artifactEventType", (downstream ? EdgeType.INPUT : EdgeType.OUTPUT).name());
      parameters.put("executionEventType", (downstream ? EdgeType.OUTPUT : EdgeType.INPUT).name());
      List<Step> steps = new ArrayList<>();
      query(
          EXPAND,
          parameters,
          rows -> {
            NodeKey origin =
                new NodeKey(
                    NodeKind.valueOf(rows.getString("origin_kind")), rows.getLong("origin_id"));
            Node neighbour = node(rows);
            NodeKey from = downstream ? origin : neighbour.key();
            NodeKey to = downstream ? neighbour.key() : origin;
            Edge edge =
                new Edge(from, to, EdgeType.flowingFrom(from.kind()), instant(rows, "event_time"));
            steps.add(new Step(origin, edge, neighbour));
          });
      return steps;
    }

    @Override
    public List<Edge> edgesBetween(Collection<NodeKey> ends, Set<NodeKey> otherEnds) {
      if (ends.isEmpty() || otherEnds.isEmpty()) {
        return List.of();
      }
      Map<String, Object> parameters = new HashMap<>();
      parameters.put("artifactIds", ids(ends, NodeKind.ARTIFACT));
      parameters.put("executionIds", ids(ends, NodeKind.EXECUTION));
      parameters.put("otherArtifactIds", ids(otherEnds, NodeKind.ARTIFACT));
      parameters.put("otherExecutionIds", ids(otherEnds, NodeKind.EXECUTION));
      List<Edge> edges = new ArrayList<>();
      query(EDGES_BETWEEN, parameters, rows -> edges.add(edge(rows)));
      return edges;
    }

    @Override
    public int batchSize() {
      return LOOKUP_BATCH_SIZE;
    }

    private interface RowHandler {
      void handle(ResultSet rows) throws SQLException;
    }

    private void query(NamedSql sql, Map<String, Object> parameters, RowHandler handler) {
      try (PreparedStatement statement = sql.prepare(connection, parameters);
          ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          handler.handle(rows);
        }
      } catch (SQLException e) {
        throw new LineageStoreException("lineage read failed: " + e.getMessage(), e);
      }
    }
  }
}
