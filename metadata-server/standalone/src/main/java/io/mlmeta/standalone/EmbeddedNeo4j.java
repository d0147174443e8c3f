package io.mlmeta.standalone;

import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j community, embedded in the JVM of {@link Neo4jMain} (a child process of the launcher) with
 * bounded memory, its data under the data directory and Bolt on loopback only, with a password. The
 * server reaches it over Bolt like any external Neo4j.
 */
final class EmbeddedNeo4j implements AutoCloseable {

  static final String USER = "neo4j";

  private final DatabaseManagementService service;
  private final int port;

  private EmbeddedNeo4j(DatabaseManagementService service, int port) {
    this.service = service;
    this.port = port;
  }

  /**
   * Starts Neo4j with authentication on. The password is set through the embedded API (which needs
   * none) when Neo4j still asks for its default one to be changed, or when the launcher has just
   * generated it (the credentials file was new, or lost).
   */
  static EmbeddedNeo4j start(Path directory, int port, String password, boolean newPassword) {
    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(directory)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
            .setConfig(
                GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(256))
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .build();
    GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    boolean defaultPassword =
        system.executeTransactionally(
            "SHOW USERS YIELD user, passwordChangeRequired WHERE user = $user"
                + " RETURN passwordChangeRequired",
            Map.of("user", USER),
            result ->
                result.hasNext()
                    && Boolean.TRUE.equals(result.next().get("passwordChangeRequired")));
    if (defaultPassword || newPassword) {
      system.executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
          Map.of("password", password));
    }
    return new EmbeddedNeo4j(service, port);
  }

  String boltUri() {
    return "bolt://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    service.shutdown();
  }
}
