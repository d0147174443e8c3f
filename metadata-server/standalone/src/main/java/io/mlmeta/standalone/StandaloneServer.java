package io.mlmeta.standalone;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Runs the packaged mlmeta server with zero setup: an embedded PostgreSQL keeps its data under the
 * data directory (unless an external database is configured), then the server runs in a child JVM
 * against it. Stopping the launcher stops the server first and the database last, so no write is
 * cut off.
 */
public final class StandaloneServer {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration ORPHAN_EXIT_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration SERVER_STOP_TIMEOUT = Duration.ofSeconds(40);
  private static final PrintStream OUT = System.out;

  private StandaloneServer() {}

  /**
   * Usage: {@code StandaloneServer <path to quarkus-run.jar>}; everything else comes from the
   * environment (see {@link StandaloneSettings}).
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: StandaloneServer <path to metadata-server quarkus-run.jar>");
      System.exit(2);
    }
    int exit;
    try {
      StandaloneSettings settings = StandaloneSettings.from(System.getenv(), Path.of(args[0]));
      exit = new StandaloneServer().run(settings);
    } catch (Exception e) {
      System.err.println("mlmeta: cannot start: " + firstLine(e));
      exit = 1;
    }
    System.exit(exit);
  }

  /** The message of the deepest cause that has one, on one line. */
  private static String firstLine(Throwable error) {
    String message = null;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    if (message == null) {
      return error.getClass().getSimpleName();
    }
    return message.strip().lines().findFirst().orElse(message);
  }

  private int run(StandaloneSettings settings) throws Exception {
    Files.createDirectories(settings.home());
    EndpointsFile endpoints = new EndpointsFile(settings.home());
    awaitOrphanedServer(endpoints);
    requireFree(settings.bindAddress(), settings.port());
    EmbeddedPostgres postgres = null;
    String dbUrl = settings.dbUrl();
    String dbUser = settings.dbUser();
    String dbPassword = settings.dbPassword();
    // Without an external database URL, the embedded database provides one.
    Credentials credentials = null;
    if (dbUrl == null || (settings.mirror() && settings.embeddedNeo4j())) {
      credentials = Credentials.in(settings.home());
    }
    if (dbUrl == null) {
      Instant started = Instant.now();
      LeftoverPostgres.stopIfRunning(settings.postgresData(), OUT);
      postgres =
          SecuredPostgres.secure(
                  embeddedPostgres(settings),
                  settings.postgresData(),
                  settings.home(),
                  requireNonNull(credentials))
              .start();
      dbUrl =
          SecuredPostgres.prepareApplicationRole(
              postgres, settings.postgresData(), requireNonNull(credentials));
      dbUser = SecuredPostgres.APPLICATION_ROLE;
      dbPassword = requireNonNull(credentials).postgresApplicationPassword();
      OUT.printf(
          "mlmeta: embedded PostgreSQL ready in %d ms, data in %s%n",
          Duration.between(started, Instant.now()).toMillis(), settings.postgresData());
    } else {
      OUT.printf("mlmeta: using the PostgreSQL at %s%n", dbUrl);
    }

    Neo4jProcess neo4j = null;
    String neo4jUri = settings.mirror() ? settings.neo4jUri() : null;
    String neo4jPassword = null;
    if (settings.mirror() && settings.embeddedNeo4j()) {
      Instant started = Instant.now();
      neo4jPassword = requireNonNull(credentials).neo4jPassword();
      neo4j =
          Neo4jProcess.start(
              settings.neo4jData(),
              freePort(),
              neo4jPassword,
              credentials.created(),
              OUT,
              pid -> updateNeo4jPid(endpoints, pid));
      neo4jUri = neo4j.boltUri();
      OUT.printf(
          "mlmeta: embedded Neo4j ready in %d ms, data in %s%n",
          Duration.between(started, Instant.now()).toMillis(), settings.neo4jData());
    }

    ServerHeap heap =
        ServerHeap.of(
            settings.serverHeap(),
            ServerHeap.lineageNodes(dbUrl, dbUser, dbPassword),
            ServerHeap.physicalMemory());
    OUT.printf("mlmeta: server heap %s%n", heap.describe());
    Process server =
        startServer(settings, heap, dbUrl, dbUser, dbPassword, neo4jUri, neo4jPassword);
    EmbeddedPostgres database = postgres;
    Neo4jProcess graph = neo4j;
    Thread shutdown = new Thread(() -> stop(server, database, graph, endpoints), "mlmeta-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);

    if (awaitReady(server, settings.probeHost(), settings.port())) {
      endpoints.write(
          EndpointsFile.entries(
              dbUrl,
              dbUser,
              dbPassword,
              neo4jUri,
              neo4jPassword,
              settings.port(),
              ProcessHandle.current().pid(),
              server.pid(),
              graph == null ? null : graph.pid()));
      OUT.printf(
          "mlmeta: ready. GraphQL http://localhost:%1$d/graphql, gRPC localhost:%1$d,"
              + " health http://localhost:%1$d/q/health, data in %2$s%3$s; endpoints in %4$s%n",
          settings.port(),
          settings.home(),
          neo4jUri == null ? " (no lineage mirror)" : ", lineage mirror " + neo4jUri,
          endpoints.path());
    }
    int exit = server.waitFor();
    endpoints.delete();
    closeQuietly(graph);
    closeQuietly(database);
    return exit;
  }

  /**
   * The embedded database is durable by default: the library's test-oriented defaults (fsync off,
   * asynchronous commit) lose acknowledged writes when PostgreSQL or the machine dies, so both are
   * switched back on here. {@code MLMETA_UNSAFE_NO_FSYNC=true} restores them for throwaway data.
   */
  private static EmbeddedPostgres.Builder embeddedPostgres(StandaloneSettings settings)
      throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(settings.postgresData())
            .setCleanDataDirectory(false)
            .setPort(freePort());
    boolean durable = !settings.unsafeNoFsync();
    String on = durable ? "on" : "off";
    builder.setServerConfig("fsync", on);
    builder.setServerConfig("synchronous_commit", on);
    builder.setServerConfig("full_page_writes", on);
    if (!durable) {
      OUT.println(
          "mlmeta: WARNING: MLMETA_UNSAFE_NO_FSYNC is set: the embedded PostgreSQL does not flush"
              + " commits to disk, and a crash loses acknowledged writes");
    }
    return builder;
  }

  private static Process startServer(
      StandaloneSettings settings,
      ServerHeap heap,
      String dbUrl,
      String dbUser,
      String dbPassword,
      @Nullable String neo4jUri,
      @Nullable String neo4jPassword)
      throws IOException {
    if (!Files.isRegularFile(settings.serverJar())) {
      throw new IllegalStateException(
          "server not built: "
              + settings.serverJar()
              + " is missing (./mlmeta server builds it; or run ./mvnw package -DskipTests)");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(List.of(java, heap.option(), "-jar", settings.serverJar().toString()));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    Map<String, String> env = builder.environment();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(settings.port()));
    env.put("QUARKUS_HTTP_HOST", settings.bindAddress());
    // The server exits when this launcher dies, even by SIGKILL, instead of running on orphaned.
    env.put("MLMETA_LAUNCHER_PID", Long.toString(ProcessHandle.current().pid()));
    env.put("MLMETA_DB_URL", dbUrl);
    env.put("MLMETA_DB_USER", dbUser);
    env.put("MLMETA_DB_PASSWORD", dbPassword);
    if (neo4jUri != null) {
      env.put("MLMETA_NEO4J_URI", neo4jUri);
      // The embedded Neo4j's own password; an external Neo4j's comes from the environment as is.
      if (neo4jPassword != null) {
        env.put("MLMETA_NEO4J_USER", EmbeddedNeo4j.USER);
        env.put("MLMETA_NEO4J_PASSWORD", neo4jPassword);
      }
    } else {
      env.remove("MLMETA_NEO4J_URI");
    }
    return builder.start();
  }

  /** Polls the readiness endpoint; false if the server died or did not get ready in time. */
  private static boolean awaitReady(Process server, String host, int port)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    URI ready = URI.create("http://" + host + ":" + port + "/q/health/ready");
    while (Instant.now().isBefore(deadline) && server.isAlive()) {
      try {
        HttpURLConnection connection = (HttpURLConnection) ready.toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(2000);
        if (connection.getResponseCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    return false;
  }

  /** Keeps the endpoints file's Neo4j pid current after the launcher restarted Neo4j. */
  private static void updateNeo4jPid(EndpointsFile endpoints, long pid) {
    try {
      endpoints.update("neo4j.pid", Long.toString(pid));
    } catch (IOException e) {
      OUT.printf("mlmeta: cannot update %s: %s%n", endpoints.path(), e.getMessage());
    }
  }

  private static void stop(
      Process server,
      @Nullable EmbeddedPostgres postgres,
      @Nullable Neo4jProcess neo4j,
      EndpointsFile endpoints) {
    endpoints.delete();
    Pids.stop(server, SERVER_STOP_TIMEOUT);
    closeQuietly(neo4j);
    closeQuietly(postgres);
  }

  private static final AtomicBoolean DATABASE_CLOSED = new AtomicBoolean();

  private static final AtomicBoolean GRAPH_CLOSED = new AtomicBoolean();

  /** Called by the shutdown hook and after a normal exit; closes Neo4j once. */
  private static void closeQuietly(@Nullable Neo4jProcess neo4j) {
    if (neo4j == null || !GRAPH_CLOSED.compareAndSet(false, true)) {
      return;
    }
    try {
      neo4j.close();
    } catch (RuntimeException e) {
      System.err.println("mlmeta: embedded Neo4j did not stop cleanly: " + e.getMessage());
    }
  }

  /** Called by the shutdown hook and after a normal exit; closes the database once. */
  private static void closeQuietly(@Nullable EmbeddedPostgres postgres) {
    if (postgres == null || !DATABASE_CLOSED.compareAndSet(false, true)) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      System.err.println("mlmeta: embedded PostgreSQL did not stop cleanly: " + e.getMessage());
    }
  }

  /**
   * A server whose launcher was killed shuts itself down (it watches the launcher); a start right
   * after the kill waits for that instead of finding the port taken.
   */
  private static void awaitOrphanedServer(EndpointsFile endpoints) throws InterruptedException {
    Map<String, String> previous = endpoints.read();
    Optional<ProcessHandle> launcher = Pids.alive(previous.get("launcher.pid"));
    if (launcher.isPresent()) {
      return;
    }
    // Neo4j, too, follows its launcher, and holds its store's lock until it has.
    Optional<ProcessHandle> neo4j = Pids.alive(previous.get("neo4j.pid"));
    if (neo4j.isPresent()) {
      awaitExit(neo4j.get(), "Neo4j");
    }
    Optional<ProcessHandle> server = Pids.alive(previous.get("server.pid"));
    if (server.isEmpty()) {
      return;
    }
    OUT.printf(
        "mlmeta: waiting for the server an earlier launcher left (pid %d) to stop%n",
        server.get().pid());
    awaitExit(server.get(), "server");
  }

  /** Waits for a process an earlier launcher left to stop by itself, as it does without one. */
  private static void awaitExit(ProcessHandle orphan, String what) throws InterruptedException {
    try {
      orphan.onExit().get(ORPHAN_EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "the "
              + what
              + " an earlier launcher left (pid "
              + orphan.pid()
              + ") is still running; stop it and start again");
    }
  }

  /**
   * Fails with one clear line when another process holds the port: otherwise the readiness probe
   * would get its answer from that process and report this server ready.
   */
  private static void requireFree(String address, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(address, port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "port "
              + port
              + " on "
              + address
              + " is in use by another process (another mlmeta server?); stop it or set"
              + " MLMETA_PORT");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
