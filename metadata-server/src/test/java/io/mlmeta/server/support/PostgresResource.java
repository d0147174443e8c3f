package io.mlmeta.server.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for the test JVM, chosen in this order: the database at {@code TEST_PG_URL}
 * (with TEST_PG_USER / TEST_PG_PASSWORD), a Testcontainers PostgreSQL when a Docker engine is
 * available, or an embedded PostgreSQL (zonky) otherwise. Never an in-memory imitation.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private EmbeddedPostgres embedded;
  private PostgreSQLContainer container;

  @Override
  public Map<String, String> start() {
    String url = System.getenv("TEST_PG_URL");
    if (url != null && !url.isBlank()) {
      return config(
          url,
          System.getenv().getOrDefault("TEST_PG_USER", "postgres"),
          System.getenv().getOrDefault("TEST_PG_PASSWORD", "postgres"));
    }
    if (dockerAvailable()) {
      container = new PostgreSQLContainer("postgres:17-alpine");
      container.start();
      return config(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
    try {
      embedded = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
    return config(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
  }

  @Override
  public void stop() {
    try {
      if (embedded != null) {
        embedded.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (container != null) {
      container.stop();
    }
  }

  /** Asks Testcontainers only when a Docker endpoint is configured, to keep its noise away. */
  private static boolean dockerAvailable() {
    if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Map<String, String> config(String url, String user, String password) {
    return Map.of(
        "quarkus.datasource.jdbc.url", url,
        "quarkus.datasource.username", user,
        "quarkus.datasource.password", password);
  }
}
