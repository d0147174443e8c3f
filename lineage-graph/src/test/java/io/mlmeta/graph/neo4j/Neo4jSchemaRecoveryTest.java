package io.mlmeta.graph.neo4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Opening the graph repairs a schema a crash or a bad value left unusable (issue 11: Neo4j killed
 * while the mirror created its schema left the projector retrying {@code CREATE CONSTRAINT}
 * forever). A Neo4j of its own, because these tests break its schema on purpose.
 */
class Neo4jSchemaRecoveryTest {

  // Longer than a RANGE index key may be, so populating an index over it fails.
  private static final String UNINDEXABLE = "w".repeat(40_000);

  private static Neo4j server;
  private static Driver driver;

  @BeforeAll
  static void start() {
    server =
        Neo4jBuilders.newInProcessBuilder()
            .withDisabledServer()
            .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .build();
    driver = GraphDatabase.driver(server.boltURI(), AuthTokens.none());
  }

  @AfterAll
  static void stop() {
    driver.close();
    server.close();
  }

  @BeforeEach
  void emptySchemaAndData() {
    try (Session session = driver.session()) {
      session.run("MATCH (n) DETACH DELETE n").consume();
      for (String constraint :
          session.run("SHOW CONSTRAINTS YIELD name").list(r -> r.get("name").asString())) {
        session.run("DROP CONSTRAINT " + constraint).consume();
      }
      for (String index :
          session
              .run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")
              .list(r -> r.get("name").asString())) {
        session.run("DROP INDEX " + index).consume();
      }
    }
  }

  @Test
  void anIndexLeftWithTheKeyConstraintsNameIsReplacedByTheConstraint() {
    // What a crash between creating the constraint's index and the constraint itself leaves.
    run("CREATE INDEX lineage_node_key FOR (n:Node) ON (n.key)");

    Neo4jLineageGraph.open(driver);

    assertThat(constraints()).containsExactly("lineage_node_key");
    assertThat(indexStates()).containsEntry("lineage_node_key", "ONLINE");
  }

  @Test
  void aFailedIndexIsRebuilt() {
    run("CREATE (:Node {key: 'a:1', workspaceId: $w})", Map.of("w", UNINDEXABLE));
    run("CREATE INDEX lineage_node_workspace FOR (n:Node) ON (n.workspaceId)");
    awaitQuietly();
    assertThat(indexStates()).containsEntry("lineage_node_workspace", "FAILED");
    run("MATCH (n:Node {key: 'a:1'}) SET n.workspaceId = 7");

    Neo4jLineageGraph.open(driver);

    assertThat(indexStates())
        .containsEntry("lineage_node_workspace", "ONLINE")
        .containsEntry("lineage_node_key", "ONLINE");
  }

  @Test
  void anIndexThatFailsAgainIsReportedByNameWithNeo4jsReason() {
    run("CREATE (:Node {key: 'a:1', workspaceId: $w})", Map.of("w", UNINDEXABLE));

    assertThatThrownBy(() -> Neo4jLineageGraph.open(driver))
        .hasMessageContaining("lineage_node_workspace")
        .hasMessageContaining("too large");
  }

  private static void run(String statement) {
    run(statement, Map.of());
  }

  private static void run(String statement, Map<String, Object> parameters) {
    try (Session session = driver.session()) {
      session.run(statement, parameters).consume();
    }
  }

  private static void awaitQuietly() {
    try (Session session = driver.session()) {
      session.run("CALL db.awaitIndexes(60)").consume();
    } catch (RuntimeException expected) {
      // A failed population ends the wait with an error; the state is what the test looks at.
    }
  }

  private static List<String> constraints() {
    try (Session session = driver.session()) {
      return session.run("SHOW CONSTRAINTS YIELD name").list(r -> r.get("name").asString());
    }
  }

  private static Map<String, String> indexStates() {
    try (Session session = driver.session()) {
      return session.run("SHOW INDEXES YIELD name, state").stream()
          .collect(
              java.util.stream.Collectors.toMap(
                  r -> r.get("name").asString(), r -> r.get("state").asString()));
    }
  }
}
