package io.mlmeta.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code $MLMETA_HOME/run/endpoints.properties}: where the running server and its databases listen
 * (JDBC URL and credentials, Bolt URI, HTTP and gRPC addresses, process ids), so tools such as
 * psql, cypher-shell or the benchmark can reach the embedded databases. Written once the server is
 * ready, deleted on a clean shutdown; a leftover file means the launcher was killed.
 */
final class EndpointsFile {

  private final Path path;
  private volatile Map<String, String> written = Map.of();

  EndpointsFile(Path home) {
    this.path = home.resolve("run").resolve("endpoints.properties");
  }

  Path path() {
    return path;
  }

  /** The properties, in a stable order; {@code neo4j.uri} only when there is a mirror. */
  static Map<String, String> entries(
      String dbUrl,
      String dbUser,
      String dbPassword,
      @Nullable String neo4jUri,
      @Nullable String neo4jPassword,
      int port,
      long launcherPid,
      long serverPid,
      @Nullable Long neo4jPid) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("db.url", dbUrl);
    entries.put("db.user", dbUser);
    entries.put("db.password", dbPassword);
    if (neo4jUri != null) {
      entries.put("neo4j.uri", neo4jUri);
      if (neo4jPassword != null) {
        entries.put("neo4j.user", EmbeddedNeo4j.USER);
        entries.put("neo4j.password", neo4jPassword);
      }
    }
    entries.put("http.url", "http://localhost:" + port);
    entries.put("grpc.target", "localhost:" + port);
    entries.put("launcher.pid", Long.toString(launcherPid));
    entries.put("server.pid", Long.toString(serverPid));
    if (neo4jPid != null) {
      entries.put("neo4j.pid", Long.toString(neo4jPid));
    }
    return entries;
  }

  /** What the file says, or nothing when there is no file (or it cannot be read). */
  Map<String, String> read() {
    java.util.Properties properties = new java.util.Properties();
    try (var reader = Files.newBufferedReader(path)) {
      properties.load(reader);
    } catch (IOException e) {
      return Map.of();
    }
    Map<String, String> entries = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(key -> entries.put(key, properties.getProperty(key)));
    return entries;
  }

  /** Writes the file atomically, readable by its owner only (it holds the database password). */
  synchronized void write(Map<String, String> entries) throws IOException {
    Files.createDirectories(path.getParent());
    PrivateFiles.writeProperties(
        path, entries, "mlmeta standalone server endpoints; deleted on clean shutdown");
    written = Map.copyOf(entries);
  }

  /**
   * Rewrites the file with one entry changed, for example Neo4j's pid after the launcher restarted
   * it; nothing before the first {@link #write}.
   */
  synchronized void update(String key, String value) throws IOException {
    if (written.isEmpty()) {
      return;
    }
    Map<String, String> entries = new LinkedHashMap<>(written);
    entries.put(key, value);
    write(entries);
  }

  void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      System.err.println("mlmeta: cannot delete " + path + ": " + e.getMessage());
    }
  }
}
