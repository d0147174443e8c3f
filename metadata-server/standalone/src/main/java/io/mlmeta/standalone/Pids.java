package io.mlmeta.standalone;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The launcher's processes: ids it reads back from files (PostgreSQL's pid file, the endpoints
 * file), and stopping the children it started.
 */
final class Pids {

  private Pids() {}

  /** The running process {@code pid} names, or nothing if it is absent, malformed or gone. */
  static Optional<ProcessHandle> alive(@Nullable String pid) {
    if (pid == null) {
      return Optional.empty();
    }
    try {
      return ProcessHandle.of(Long.parseLong(pid.trim())).filter(ProcessHandle::isAlive);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Asks {@code child} to stop (SIGTERM, so its shutdown hooks run); kills it after {@code grace}.
   */
  static void stop(Process child, Duration grace) {
    if (!child.isAlive()) {
      return;
    }
    child.destroy();
    try {
      if (!child.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        child.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.destroyForcibly();
    }
  }
}
