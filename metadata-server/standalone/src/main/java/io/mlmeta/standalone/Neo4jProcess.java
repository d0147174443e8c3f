package io.mlmeta.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * The embedded Neo4j in a child JVM of the launcher ({@link Neo4jMain}), so that it can fail, be
 * killed and be restarted on its own, as an external Neo4j can: the launcher starts it again when
 * it exits unexpectedly, and the server's mirror catches up once Bolt answers again.
 */
final class Neo4jProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration RESTART_PAUSE = Duration.ofSeconds(2);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
  private static final String HEAP = "-Xmx1g";

  private final Path directory;
  private final int port;
  private final String password;
  private final PrintStream out;
  private final LongConsumer onRestart;
  private volatile Process process;
  private volatile boolean stopping;

  private Neo4jProcess(
      Path directory,
      int port,
      String password,
      PrintStream out,
      LongConsumer onRestart,
      Process process) {
    this.directory = directory;
    this.port = port;
    this.password = password;
    this.out = out;
    this.onRestart = onRestart;
    this.process = process;
  }

  /**
   * Starts Neo4j and waits until Bolt listens; afterwards restarts it whenever it exits on its own,
   * telling {@code onRestart} the new process id.
   */
  static Neo4jProcess start(
      Path directory,
      int port,
      String password,
      boolean newPassword,
      PrintStream out,
      LongConsumer onRestart)
      throws IOException, InterruptedException {
    Process first = launch(directory, port, password, newPassword, out);
    Neo4jProcess neo4j = new Neo4jProcess(directory, port, password, out, onRestart, first);
    Thread supervisor = new Thread(neo4j::supervise, "mlmeta-neo4j-supervisor");
    supervisor.setDaemon(true);
    supervisor.start();
    return neo4j;
  }

  String boltUri() {
    return "bolt://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  private void supervise() {
    while (!stopping) {
      int exit;
      try {
        exit = process.waitFor();
      } catch (InterruptedException e) {
        return;
      }
      if (stopping) {
        return;
      }
      out.printf("mlmeta: embedded Neo4j exited (code %d); starting it again%n", exit);
      while (!stopping) {
        try {
          TimeUnit.MILLISECONDS.sleep(RESTART_PAUSE.toMillis());
          process = launch(directory, port, password, false, out);
          out.printf("mlmeta: embedded Neo4j running again (pid %d)%n", process.pid());
          onRestart.accept(process.pid());
          break;
        } catch (InterruptedException e) {
          return;
        } catch (IOException | RuntimeException e) {
          out.printf("mlmeta: embedded Neo4j did not start again: %s%n", e.getMessage());
        }
      }
    }
  }

  private static Process launch(
      Path directory, int port, String password, boolean newPassword, PrintStream out)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    HEAP,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Neo4jMain.class.getName(),
                    directory.toString(),
                    Integer.toString(port)))
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("MLMETA_NEO4J_PASSWORD", password);
    builder.environment().put("MLMETA_NEO4J_NEW_PASSWORD", Boolean.toString(newPassword));
    builder.environment().put("MLMETA_LAUNCHER_PID", Long.toString(ProcessHandle.current().pid()));
    Process process = builder.start();
    awaitReady(process, out);
    return process;
  }

  /** Reads the child's output until it reports ready, then forwards the rest in the background. */
  private static void awaitReady(Process process, PrintStream out)
      throws IOException, InterruptedException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Deque<String> recent = new ArrayDeque<>();
    CompletableFuture<Boolean> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.equals(Neo4jMain.READY)) {
                    return true;
                  }
                  synchronized (recent) {
                    recent.addLast(line);
                    if (recent.size() > 5) {
                      recent.removeFirst();
                    }
                  }
                }
              } catch (IOException e) {
                // the process ended; reported below
              }
              return false;
            });
    boolean started;
    try {
      started = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      started = false;
    }
    if (!started) {
      process.destroyForcibly();
      String last;
      synchronized (recent) {
        last = recent.isEmpty() ? "no output" : String.join(" / ", recent);
      }
      throw new IOException("embedded Neo4j did not start: " + last);
    }
    Thread forward =
        new Thread(
            () -> {
              try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  out.println(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "mlmeta-neo4j-output");
    forward.setDaemon(true);
    forward.start();
  }

  /** Stops Neo4j cleanly (its shutdown hook flushes the store); forcibly after a minute. */
  @Override
  public void close() {
    stopping = true;
    Pids.stop(process, STOP_TIMEOUT);
  }
}
