package io.mlmeta.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An embedded PostgreSQL that a launcher killed without its shutdown (SIGKILL, a crash) left
 * running on the data directory. The next launcher stops it with a fast shutdown (every committed
 * write is kept) instead of failing to start a second one on the same directory.
 */
final class LeftoverPostgres {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private LeftoverPostgres() {}

  /** Stops the postmaster named by the directory's pid file, if it is still a running postgres. */
  static void stopIfRunning(Path dataDirectory, java.io.PrintStream out)
      throws IOException, InterruptedException {
    Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
    if (postmaster.isEmpty()) {
      return;
    }
    long pid = postmaster.get().pid();
    out.printf(
        "mlmeta: stopping the embedded PostgreSQL (pid %d) that an earlier launcher left running%n",
        pid);
    // SIGINT is PostgreSQL's fast shutdown: it ends sessions and checkpoints. SIGTERM would wait
    // for clients that may never leave.
    new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
    Instant deadline = Instant.now().plus(STOP_TIMEOUT);
    while (postmaster.get().isAlive() && Instant.now().isBefore(deadline)) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    if (postmaster.get().isAlive()) {
      throw new IllegalStateException(
          "the embedded PostgreSQL left running by an earlier launcher (pid "
              + pid
              + ") did not stop within "
              + STOP_TIMEOUT.toSeconds()
              + " s; stop it and start again");
    }
  }

  private static Optional<ProcessHandle> postmaster(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    return Pids.alive(lines.isEmpty() ? null : lines.get(0))
        .filter(
            process ->
                process
                    .info()
                    .command()
                    .map(command -> command.endsWith("postgres"))
                    .orElse(false));
  }
}
