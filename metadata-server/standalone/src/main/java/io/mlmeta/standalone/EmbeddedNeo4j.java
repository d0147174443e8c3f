package io.mlmeta.standalone;

import java.nio.file.Path;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Neo4j community, embedded in the launcher JVM with bounded memory, its data under the data
 * directory and Bolt on loopback only. The server reaches it over Bolt like any external Neo4j.
 */
final class EmbeddedNeo4j implements AutoCloseable {

  private final DatabaseManagementService service;
  private final int port;

  private EmbeddedNeo4j(DatabaseManagementService service, int port) {
    this.service = service;
    this.port = port;
  }

  static EmbeddedNeo4j start(Path directory, int port) {
    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(directory)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
            .setConfig(
                GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(256))
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .build();
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
