package io.mlmeta.standalone;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code ./mlmeta server} is asked to do, read from the environment:
 *
 * <ul>
 *   <li>{@code MLMETA_HOME}: data directory (default {@code ~/.mlmeta});
 *   <li>{@code MLMETA_PORT}: the port for HTTP and gRPC (default 8080);
 *   <li>{@code MLMETA_BIND_ADDRESS}: the address the server listens on (default {@code 127.0.0.1}:
 *       only this machine can reach it; {@code 0.0.0.0} for every interface);
 *   <li>{@code MLMETA_DB_URL}, {@code MLMETA_DB_USER}, {@code MLMETA_DB_PASSWORD}: an external
 *       PostgreSQL; without a URL an embedded one keeps its data under the data directory.
 *   <li>{@code MLMETA_NEO4J_URI} (with {@code MLMETA_NEO4J_USER}, {@code MLMETA_NEO4J_PASSWORD}):
 *       an external Neo4j for the lineage mirror; without it an embedded Neo4j keeps its data under
 *       the data directory; {@code none} runs without a mirror.
 *   <li>{@code MLMETA_SERVER_HEAP}: the server JVM's maximum heap ({@code 6g}, {@code 1536m});
 *       without it the heap is sized from the store's lineage graph.
 *   <li>{@code MLMETA_UNSAFE_NO_FSYNC}: {@code true} runs the embedded PostgreSQL without fsync and
 *       with asynchronous commits: faster, and a crash loses acknowledged writes.
 * </ul>
 */
record StandaloneSettings(
    Path home,
    int port,
    String bindAddress,
    @Nullable String dbUrl,
    String dbUser,
    String dbPassword,
    @Nullable String neo4jUri,
    boolean unsafeNoFsync,
    @Nullable Long serverHeap,
    Path serverJar) {

  static StandaloneSettings from(Map<String, String> env, Path serverJar) {
    Path home =
        env.containsKey("MLMETA_HOME") && !env.get("MLMETA_HOME").isBlank()
            ? Path.of(env.get("MLMETA_HOME"))
            : Path.of(System.getProperty("user.home"), ".mlmeta");
    int port = parsePort(env.getOrDefault("MLMETA_PORT", "8080"));
    String dbUrl = blankToNull(env.get("MLMETA_DB_URL"));
    // A malformed size fails here, before any database starts.
    Long serverHeap = ServerHeap.override(env.get("MLMETA_SERVER_HEAP"));
    return new StandaloneSettings(
        home.toAbsolutePath(),
        port,
        env.getOrDefault("MLMETA_BIND_ADDRESS", "127.0.0.1").trim(),
        dbUrl,
        env.getOrDefault("MLMETA_DB_USER", "mlmeta"),
        env.getOrDefault("MLMETA_DB_PASSWORD", "mlmeta"),
        blankToNull(env.get("MLMETA_NEO4J_URI")),
        Boolean.parseBoolean(env.getOrDefault("MLMETA_UNSAFE_NO_FSYNC", "false").trim()),
        serverHeap,
        serverJar);
  }

  /** Where this machine reaches the server: the bind address, or loopback for a wildcard. */
  String probeHost() {
    boolean wildcard = bindAddress.equals("0.0.0.0") || bindAddress.equals("::");
    return wildcard
        ? "127.0.0.1"
        : bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
  }

  boolean embeddedNeo4j() {
    return neo4jUri == null;
  }

  boolean mirror() {
    return !"none".equalsIgnoreCase(neo4jUri);
  }

  Path postgresData() {
    return home.resolve("postgres");
  }

  Path neo4jData() {
    return home.resolve("neo4j");
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("MLMETA_PORT must be a port number, got '" + value + "'");
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
