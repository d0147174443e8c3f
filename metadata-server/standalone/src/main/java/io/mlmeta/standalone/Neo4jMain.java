package io.mlmeta.standalone;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded Neo4j's own process: {@code Neo4jMain <data directory> <bolt port>}, its password in
 * {@code MLMETA_NEO4J_PASSWORD} (an argument would show in {@code ps}). It prints {@value #READY}
 * once Bolt listens, and shuts down with its launcher, however the launcher ends.
 */
public final class Neo4jMain {

  static final String READY = "mlmeta-neo4j: ready";

  private Neo4jMain() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: Neo4jMain <data directory> <bolt port>");
      System.exit(2);
    }
    String password = System.getenv("MLMETA_NEO4J_PASSWORD");
    if (password == null || password.isEmpty()) {
      System.err.println("mlmeta-neo4j: MLMETA_NEO4J_PASSWORD is not set");
      System.exit(2);
    }
    Optional<ProcessHandle> launcher =
        Pids.alive(System.getenv().getOrDefault("MLMETA_LAUNCHER_PID", ""));
    EmbeddedNeo4j neo4j =
        EmbeddedNeo4j.start(
            Path.of(args[0]),
            Integer.parseInt(args[1]),
            password,
            Boolean.parseBoolean(System.getenv("MLMETA_NEO4J_NEW_PASSWORD")));
    Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close, "mlmeta-neo4j-shutdown"));
    System.out.println(READY);
    System.out.flush();
    if (launcher.isPresent()) {
      launcher.get().onExit().join();
      System.exit(0);
    }
  }
}
