package io.mlmeta.graph.testsupport;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * One in-process Neo4j (neo4j-harness, Bolt only) per test JVM, started on first use: starting it
 * takes several seconds, so every test class shares it.
 */
public final class SharedNeo4j {

  private static Driver driver;

  private SharedNeo4j() {}

  public static synchronized Driver driver() {
    if (driver == null) {
      Neo4j server =
          Neo4jBuilders.newInProcessBuilder()
              .withDisabledServer()
              // Without this, closing waits out netty's graceful-shutdown quiet period (~10 s).
              .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
              .build();
      Driver started = GraphDatabase.driver(server.boltURI(), AuthTokens.none());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.close();
                    server.close();
                  },
                  "neo4j-harness-shutdown"));
      driver = started;
    }
    return driver;
  }
}
