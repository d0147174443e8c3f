package io.mlmeta.it.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * The lineage walk run bare on each engine, hand-written as a user of the database would: a
 * recursive SQL query over the events table, and a variable-length Cypher match over the mirror's
 * {@code Node} label and {@code INPUT}/{@code OUTPUT} relationships. Every edge is one hop; answers
 * count the distinct nodes reached, start nodes excluded, optionally only one type.
 */
final class BareTraversals implements AutoCloseable {

  // One lateral branch per kind of node on the frontier: the recursive term may name the walk
  // only once.
  private static final String SQL_TEMPLATE =
      """
      WITH RECURSIVE walk(node, artifact, hops) AS (
        SELECT ?::bigint, ?::boolean, 0
        UNION
        SELECT next.node, NOT w.artifact, w.hops + 1
        FROM walk w
        CROSS JOIN LATERAL (
          SELECT e.%1$s AS node FROM event e
          WHERE w.artifact AND e.artifact_id = w.node AND e.type = '%2$s'
          UNION ALL
          SELECT e.artifact_id FROM event e
          WHERE NOT w.artifact AND e.execution_id = w.node AND e.type = '%3$s'
        ) next
        WHERE w.hops < ?
      )
      """;

  private static final String SQL_COUNT =
      "SELECT count(*) FROM (SELECT DISTINCT node, artifact FROM walk WHERE hops > 0) reached";

  private static final String SQL_COUNT_EXECUTIONS_OF_TYPE =
      """
      SELECT count(*) FROM (SELECT DISTINCT node FROM walk WHERE hops > 0 AND NOT artifact) reached
      JOIN execution x ON x.id = reached.node
      JOIN metadata_type t ON t.id = x.type_id
      WHERE t.name = ?
      """;

  private final Connection connection;
  private final Driver driver;
  private final Session session;

  BareTraversals(Endpoints endpoints) throws SQLException {
    this.connection =
        DriverManager.getConnection(endpoints.dbUrl(), endpoints.dbUser(), endpoints.dbPassword());
    this.driver =
        GraphDatabase.driver(
            endpoints.neo4jUri(),
            AuthTokens.basic(endpoints.neo4jUser(), endpoints.neo4jPassword()));
    this.session = driver.session();
  }

  /** Distinct nodes within {@code hops} of the start, of {@code type} only if not null. */
  long sql(String startKey, boolean downstream, int hops, String type) {
    String walk =
        downstream
            ? SQL_TEMPLATE.formatted("execution_id", "INPUT", "OUTPUT")
            : SQL_TEMPLATE.formatted("execution_id", "OUTPUT", "INPUT");
    String sql = walk + (type == null ? SQL_COUNT : SQL_COUNT_EXECUTIONS_OF_TYPE);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, id(startKey));
      statement.setBoolean(2, startKey.startsWith("artifact:"));
      statement.setInt(3, hops);
      if (type != null) {
        statement.setString(4, type);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("bare SQL traversal failed", e);
    }
  }

  /**
   * The same on Neo4j; {@code count(DISTINCT m)} lets the planner prune the variable-length
   * expansion breadth-first instead of enumerating every path.
   */
  long cypher(String startKey, boolean downstream, int hops, String type) {
    String pattern =
        downstream
            ? "(s:Node {key: $key})-[:INPUT|OUTPUT*1..%d]->(m:Node)"
            : "(s:Node {key: $key})<-[:INPUT|OUTPUT*1..%d]-(m:Node)";
    String cypher =
        "MATCH "
            + pattern.formatted(hops)
            + (type == null
                ? " RETURN count(DISTINCT m) AS reached"
                : " WITH DISTINCT m WHERE m.typeName = $type RETURN count(m) AS reached");
    Map<String, Object> parameters =
        type == null ? Map.of("key", startKey) : Map.of("key", startKey, "type", type);
    return session.run(cypher, parameters).single().get("reached").asLong();
  }

  Session session() {
    return session;
  }

  Connection connection() {
    return connection;
  }

  private static long id(String key) {
    return Long.parseLong(key.substring(key.indexOf(':') + 1));
  }

  @Override
  public void close() throws SQLException {
    session.close();
    driver.close();
    connection.close();
  }
}
