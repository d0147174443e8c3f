package io.mlmeta.server.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A real Neo4j for the test JVM: {@code TEST_NEO4J_URI} if set, otherwise an embedded Neo4j
 * community server on a Bolt port of its own, with its data in a temporary directory so that it can
 * be stopped and started again with its data (the mirror fault tests do that through {@link
 * #control()}).
 */
public class Neo4jResource implements QuarkusTestResourceLifecycleManager {

  private static final String CONTROL = "io.mlmeta.test:type=Neo4j";

  private Path directory;
  private int port;
  private DatabaseManagementService neo4j;

  @Override
  public Map<String, String> start() {
    String uri = System.getenv("TEST_NEO4J_URI");
    if (uri != null && !uri.isBlank()) {
      return Map.of("mlmeta.lineage.neo4j.uri", uri);
    }
    try {
      directory = Files.createTempDirectory("mlmeta-neo4j-");
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    startEmbedded();
    registerControl();
    return Map.of("mlmeta.lineage.neo4j.uri", "bolt://localhost:" + port);
  }

  @Override
  public void stop() {
    stopEmbedded();
  }

  /** Stops or starts the embedded Neo4j, keeping its data. */
  public interface ControlMBean {
    void stopNeo4j();

    void startNeo4j();
  }

  /**
   * Stops ("stop") or starts ("start") the embedded Neo4j. Tests run in another class loader than
   * this resource, so the command travels through the platform MBean server.
   */
  public static Consumer<String> control() {
    return command -> {
      try {
        ManagementFactory.getPlatformMBeanServer()
            .invoke(new ObjectName(CONTROL), command + "Neo4j", null, null);
      } catch (JMException e) {
        throw new IllegalStateException("cannot " + command + " the test Neo4j", e);
      }
    };
  }

  private void registerControl() {
    try {
      var server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = new ObjectName(CONTROL);
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
      server.registerMBean(
          new StandardMBean(
              new ControlMBean() {
                @Override
                public void stopNeo4j() {
                  stopEmbedded();
                }

                @Override
                public void startNeo4j() {
                  startEmbedded();
                }
              },
              ControlMBean.class),
          name);
    } catch (JMException e) {
      throw new IllegalStateException("cannot register the Neo4j test control", e);
    }
  }

  private synchronized void startEmbedded() {
    if (neo4j != null) {
      return;
    }
    neo4j =
        new DatabaseManagementServiceBuilder(directory)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("localhost", port))
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64))
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .build();
  }

  private synchronized void stopEmbedded() {
    if (neo4j != null) {
      neo4j.shutdown();
      neo4j = null;
    }
  }
}
