package io.mlmeta.standalone;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * {@code $MLMETA_HOME/run/endpoints.properties}: where the running server and its databases listen
 * (JDBC URL and credentials, Bolt URI, HTTP and gRPC addresses, process ids), so tools such as
 * psql, cypher-shell or the benchmark can reach the embedded databases. Written once the server is
 * ready, deleted on a clean shutdown; a leftover file means the launcher was killed.
 */
final class EndpointsFile {

  private final Path path;

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
      long serverPid) {
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
  void write(Map<String, String> entries) throws IOException {
    Files.createDirectories(path.getParent());
    Properties properties = new Properties();
    properties.putAll(entries);
    Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    Files.createFile(temporary);
    restrictToOwner(temporary);
    try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      properties.store(writer, "mlmeta standalone server endpoints; deleted on clean shutdown");
    }
    Files.move(
        temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      System.err.println("mlmeta: cannot delete " + path + ": " + e.getMessage());
    }
  }

  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: the file keeps the directory's default permissions.
    }
  }
}
