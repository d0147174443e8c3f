package io.mlmeta.it.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server, started exactly as {@code ./mlmeta server} starts it: the standalone
 * launcher with a fresh data directory, an embedded PostgreSQL and the server in a child JVM. One
 * instance is shared by every test of the JVM; tests use unique names instead of wiping data.
 */
public final class PackagedServer {

  private static PackagedServer shared;

  private final Path root;
  private final Path home;
  private final int port;
  private final Path log;
  private final Map<String, String> environment;
  private Process launcher;

  private PackagedServer(Path root, Path home, int port, Map<String, String> environment) {
    this.root = root;
    this.home = home;
    this.port = port;
    this.log = home.resolve("launcher.log");
    this.environment = Map.copyOf(environment);
  }

  /**
   * A server of its own (not shared) with extra launcher environment, for example {@code
   * MLMETA_NEO4J_URI} of a Neo4j the test controls. Close it with {@link #close()}.
   */
  public static PackagedServer start(Map<String, String> environment) {
    try {
      PackagedServer server =
          new PackagedServer(
              rootDirectory(),
              Files.createTempDirectory("mlmeta-it-"),
              FreePorts.any(),
              environment);
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare a packaged server", e);
    }
  }

  /** Stops the server and deletes its data directory. */
  public void close() {
    stop();
    TemporaryDirectories.delete(home);
  }

  private static Path rootDirectory() {
    return Path.of(System.getProperty("mlmeta.root", "..")).toAbsolutePath().normalize();
  }

  /** The JVM-wide server, started on first use and stopped when the JVM exits. */
  public static synchronized PackagedServer shared() {
    if (shared == null) {
      try {
        shared =
            new PackagedServer(
                rootDirectory(),
                Files.createTempDirectory("mlmeta-it-"),
                FreePorts.any(),
                Map.of());
        shared.start();
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
      } catch (IOException e) {
        throw new IllegalStateException("cannot prepare the packaged server", e);
      }
    }
    return shared;
  }

  public int port() {
    return port;
  }

  public String httpUrl() {
    return "http://localhost:" + port;
  }

  public String grpcTarget() {
    return "localhost:" + port;
  }

  public Path root() {
    return root;
  }

  public Path home() {
    return home;
  }

  /**
   * Stops the server and its database, then starts both again on the same data directory.
   *
   * @return how long the start took, from launching to ready (the stop excluded)
   */
  public synchronized Duration restart() {
    stop();
    Instant starting = Instant.now();
    start();
    return Duration.between(starting, Instant.now());
  }

  /**
   * Kills the launcher with SIGKILL, as a crash or an OOM killer would: its shutdown hook does not
   * run, so nothing stops the server JVM or the embedded PostgreSQL on its behalf.
   */
  public synchronized void killLauncher() {
    launcher.destroyForcibly();
    try {
      launcher.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The server JVM the launcher started: the descendant of the launcher that runs the server's jar.
   * Killing it with {@link ProcessHandle#destroyForcibly()} is a SIGKILL of the server alone, as
   * when a pod's container is killed; the launcher then exits too.
   */
  public synchronized ProcessHandle serverJvm() {
    String serverJar = "quarkus-app/quarkus-run.jar";
    return launcher
        .descendants()
        .filter(
            process -> process.info().commandLine().filter(c -> c.contains(serverJar)).isPresent())
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no server JVM under launcher " + launcher.pid()));
  }

  /** Starts the launcher again on the same data directory and port, and waits until ready. */
  public synchronized void startAgain() {
    start();
  }

  /** The command that starts a launcher for this server's data directory and port. */
  public ProcessBuilder launcherCommand() {
    Path launcherJar = root.resolve("metadata-server/standalone/target/mlmeta-standalone.jar");
    Path serverJar = root.resolve("metadata-server/target/quarkus-app/quarkus-run.jar");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(java, "-Xmx1g", "-jar", launcherJar.toString(), serverJar.toString()));
    builder.environment().putAll(environment);
    builder.environment().put("MLMETA_HOME", home.toString());
    builder.environment().put("MLMETA_PORT", Integer.toString(port));
    return builder;
  }

  private synchronized void start() {
    Path launcherJar = root.resolve("metadata-server/standalone/target/mlmeta-standalone.jar");
    Path serverJar = root.resolve("metadata-server/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(launcherJar) || !Files.isRegularFile(serverJar)) {
      throw new IllegalStateException(
          "packaged server missing; build with ./mvnw verify (looked for "
              + launcherJar
              + " and "
              + serverJar
              + ")");
    }
    ProcessBuilder builder =
        launcherCommand()
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      launcher = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the packaged server", e);
    }
    awaitReady(Duration.ofMinutes(2));
  }

  private void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    URI ready = URI.create(httpUrl() + "/q/health/ready");
    while (Instant.now().isBefore(deadline)) {
      if (!launcher.isAlive()) {
        throw new IllegalStateException("the packaged server exited; see " + log);
      }
      try {
        HttpURLConnection connection = (HttpURLConnection) ready.toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(2000);
        if (connection.getResponseCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(250);
    }
    throw new IllegalStateException(
        "the packaged server was not ready in " + timeout + "; see " + log);
  }

  private synchronized void stop() {
    if (launcher == null || !launcher.isAlive()) {
      return;
    }
    launcher.destroy();
    try {
      if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
