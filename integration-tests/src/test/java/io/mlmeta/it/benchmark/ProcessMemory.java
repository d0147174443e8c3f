package io.mlmeta.it.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Resident memory of the standalone server's whole process tree: the launcher JVM (with the
 * embedded Neo4j), the server JVM and every PostgreSQL process. PostgreSQL's postmaster is found
 * through its pid file too, because pg_ctl detaches it from the launcher's tree.
 */
final class ProcessMemory {

  private final long launcherPid;
  private final Path postgresPidFile;

  ProcessMemory(long launcherPid, Path home) {
    this.launcherPid = launcherPid;
    this.postgresPidFile = home.resolve("postgres").resolve("postmaster.pid");
  }

  /** The summed VmRSS of the tree in MiB. */
  double rssMib() {
    Set<Long> pids = new TreeSet<>();
    ProcessHandle.of(launcherPid).ifPresent(launcher -> addTree(launcher, pids));
    postmasterPid().flatMap(ProcessHandle::of).ifPresent(postmaster -> addTree(postmaster, pids));
    long kib = 0;
    for (long pid : pids) {
      kib += rssKib(pid);
    }
    return kib / 1024.0;
  }

  /** Samples the tree's RSS every 250 ms in a daemon thread until closed; keeps the peak. */
  Peak watchPeak() {
    return new Peak(this);
  }

  static final class Peak implements AutoCloseable {
    private final AtomicLong peakKib = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private Peak(ProcessMemory memory) {
      thread =
          new Thread(
              () -> {
                while (running) {
                  long kib = (long) (memory.rssMib() * 1024);
                  peakKib.accumulateAndGet(kib, Math::max);
                  try {
                    Thread.sleep(250);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "rss-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    double peakMib() {
      return peakKib.get() / 1024.0;
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
    }
  }

  private static void addTree(ProcessHandle root, Set<Long> pids) {
    pids.add(root.pid());
    root.descendants().forEach(child -> pids.add(child.pid()));
  }

  private Optional<Long> postmasterPid() {
    try {
      List<String> lines = Files.readAllLines(postgresPidFile);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long rssKib(long pid) {
    try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
      return lines
          .filter(line -> line.startsWith("VmRSS:"))
          .map(line -> line.replaceAll("[^0-9]", ""))
          .mapToLong(Long::parseLong)
          .findFirst()
          .orElse(0);
    } catch (IOException | RuntimeException e) {
      // The process ended between listing and reading.
      return 0;
    }
  }
}
