package io.mlmeta.standalone;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Process ids the launcher reads back from files (PostgreSQL's pid file, the endpoints file). */
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
}
