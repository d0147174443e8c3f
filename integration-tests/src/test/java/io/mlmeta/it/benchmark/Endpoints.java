package io.mlmeta.it.benchmark;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The running standalone server's {@code $MLMETA_HOME/run/endpoints.properties}. */
record Endpoints(
    String dbUrl,
    String dbUser,
    String dbPassword,
    String neo4jUri,
    String neo4jUser,
    String neo4jPassword,
    String httpUrl,
    String grpcTarget,
    long launcherPid,
    long serverPid) {

  /**
   * Reads the file, waiting for it a little: the launcher writes it after its own readiness poll,
   * which may come a moment after the server answers the caller's.
   */
  static Endpoints read(Path home) {
    Path file = home.resolve("run").resolve("endpoints.properties");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.isRegularFile(file) && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
    String neo4j = properties.getProperty("neo4j.uri");
    if (neo4j == null) {
      throw new IllegalStateException(file + " has no neo4j.uri: the server runs without a mirror");
    }
    return new Endpoints(
        properties.getProperty("db.url"),
        properties.getProperty("db.user"),
        properties.getProperty("db.password"),
        neo4j,
        properties.getProperty("neo4j.user"),
        properties.getProperty("neo4j.password"),
        properties.getProperty("http.url"),
        properties.getProperty("grpc.target"),
        Long.parseLong(properties.getProperty("launcher.pid")),
        Long.parseLong(properties.getProperty("server.pid")));
  }

  /** Everything but the passwords, for the benchmark's log. */
  @Override
  public String toString() {
    return "Endpoints[db=%s as %s, neo4j=%s as %s, http=%s, grpc=%s, launcher pid %d, server pid %d]"
        .formatted(dbUrl, dbUser, neo4jUri, neo4jUser, httpUrl, grpcTarget, launcherPid, serverPid);
  }
}
