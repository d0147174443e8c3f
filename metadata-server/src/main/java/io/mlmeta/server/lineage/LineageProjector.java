package io.mlmeta.server.lineage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlmeta.graph.WritableLineageGraph;
import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.outbox.OutboxBatch;
import io.mlmeta.server.outbox.OutboxStore;
import io.mlmeta.server.outbox.OutboxTailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Applies the lineage outbox to Neo4j, in order, in batches, idempotently (every write is a MERGE
 * on stable keys), and keeps its checkpoint in PostgreSQL. Only the replica holding a PostgreSQL
 * advisory lock projects; the others stand by and take over if its connection drops. While Neo4j is
 * unreachable it backs off and retries the same batch, so nothing is lost and writes to the store
 * never wait for the mirror.
 */
@ApplicationScoped
public class LineageProjector {

  private static final Logger LOG = Logger.getLogger(LineageProjector.class);
  private static final long LEADER_LOCK = 0x6d6c6d6c696eL;
  private static final Duration STANDBY_PAUSE = Duration.ofSeconds(1);
  // How often a replica that does not project re-reads the mirror's checkpoint while a reader
  // waits.
  private static final Duration STANDBY_POLL = Duration.ofMillis(20);

  private final DataSource dataSource;
  private final OutboxStore outbox;
  private final OutboxTailer tailer;
  private final LineageEngines engines;
  private final Clock clock;
  private final MlmetaConfig.Lineage.Projector settings;
  private final BlockingQueue<MirrorTask> tasks = new LinkedBlockingQueue<>();
  private final AtomicLong lagRows = new AtomicLong();
  private final AtomicLong lagMillis = new AtomicLong();
  private final Counter appliedRows;
  private final Object progress = new Object();
  private volatile boolean leader;
  private volatile @Nullable String lastError;
  // Owned by the projector thread.
  private long position = -1;
  private Duration backoff;
  private @Nullable Connection leadership;
  // Guarded by progress: the position the projector last applied up to.
  private long projected;

  LineageProjector(
      DataSource dataSource,
      OutboxStore outbox,
      LineageEngines engines,
      MlmetaConfig config,
      MeterRegistry registry,
      Clock clock) {
    this.dataSource = dataSource;
    this.outbox = outbox;
    this.tailer = new OutboxTailer("mlmeta-lineage-projector", outbox);
    this.clock = clock;
    this.engines = engines;
    this.settings = config.lineage().projector();
    this.backoff = settings.pollInterval();
    this.appliedRows =
        Counter.builder("mlmeta.lineage.mirror.applied")
            .description("Outbox rows applied to the Neo4j mirror")
            .baseUnit("rows")
            .register(registry);
    Gauge.builder("mlmeta.lineage.mirror.lag.rows", lagRows, AtomicLong::get)
        .description("Outbox rows not yet applied to the Neo4j mirror")
        .register(registry);
    Gauge.builder("mlmeta.lineage.mirror.lag.seconds", lagMillis, m -> m.get() / 1000.0)
        .description("Age of the oldest outbox row not yet applied to the Neo4j mirror")
        .register(registry);
    Gauge.builder("mlmeta.lineage.mirror.leader", this, p -> p.leader ? 1 : 0)
        .description("1 on the replica that projects the outbox")
        .register(registry);
  }

  void start(@Observes StartupEvent event) {
    if (!engines.mirrorConfigured()) {
      LOG.info("No Neo4j configured (mlmeta.lineage.neo4j.uri): lineage is served by PostgreSQL");
      return;
    }
    tailer.start(
        new OutboxTailer.Consumer() {
          @Override
          public Duration turn() {
            return project();
          }

          @Override
          public Duration failed(RuntimeException failure) {
            return pauseAfter(failure);
          }
        });
  }

  void stop(@Observes ShutdownEvent event) {
    tailer.stop(Duration.ofSeconds(10));
    releaseLeadership();
  }

  /** Whether this replica currently projects. */
  public boolean isLeader() {
    return leader;
  }

  /** The last error met while applying, or null after a successful batch. */
  public @Nullable String lastError() {
    return lastError;
  }

  /**
   * Waits until the mirror has applied the outbox up to {@code required} or {@code wait} has
   * passed, and returns the mirror's position. On the projecting replica the projector wakes the
   * waiter as soon as it has applied a batch; elsewhere the checkpoint in PostgreSQL is read again
   * at short intervals, as only the projecting replica knows when it moves.
   */
  public long awaitMirror(long required, long mirror, Duration wait) {
    // The injected clock ticks in microseconds, for which Clock.millis() divides by zero.
    Instant deadline = clock.instant().plus(wait);
    long position = mirror;
    while (position < required) {
      long left = Duration.between(clock.instant(), deadline).toMillis();
      if (left <= 0) {
        return position;
      }
      if (leader) {
        synchronized (progress) {
          if (projected < required && leader) {
            try {
              progress.wait(Math.min(left, STANDBY_POLL.toMillis()));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return position;
            }
          }
          position = Math.max(position, projected);
        }
      } else {
        OutboxTailer.pauseFor(STANDBY_POLL);
        if (Thread.currentThread().isInterrupted()) {
          return position;
        }
        position = outbox.positions().mirror();
      }
    }
    return position;
  }

  /**
   * Hands an admin task (rebuild, repair) to the projector thread, which runs it between batches.
   */
  void submit(MirrorTask task) {
    tasks.add(task);
  }

  /** One turn of the projector: take or keep leadership, run a queued task or apply new rows. */
  private Duration project() {
    if (!holdLeadership()) {
      position = -1;
      return STANDBY_PAUSE;
    }
    Optional<WritableLineageGraph> neo4j = engines.neo4j();
    if (neo4j.isEmpty()) {
      // LineageEngines paces reconnect attempts itself; checking again soon is cheap.
      String cause = engines.connectFailure();
      lastError = cause == null ? "Neo4j is not reachable" : "Neo4j is not reachable: " + cause;
      updateLag();
      return STANDBY_PAUSE;
    }
    MirrorTask task = tasks.poll();
    if (task != null) {
      task.run(neo4j.get());
      position = -1;
      return Duration.ZERO;
    }
    if (position < 0) {
      position = outbox.positions().mirror();
      announce(position);
    }
    OutboxBatch batch = tailer.readAfter(position);
    if (batch.isEmpty()) {
      updateLag();
      backoff = settings.pollInterval();
      return settings.pollInterval();
    }
    for (OutboxBatch part : batch.split(settings.batchSize())) {
      neo4j.get().apply(part.changeSet());
      long last = part.lastPosition();
      tailer.inTransaction(
          () -> {
            outbox.advanceMirror(last);
            return null;
          });
      position = last;
      appliedRows.increment(part.size());
      announce(last);
    }
    lastError = null;
    backoff = settings.pollInterval();
    updateLag();
    return Duration.ZERO;
  }

  private Duration pauseAfter(RuntimeException failure) {
    if (lastError == null || !lastError.equals(failure.getMessage())) {
      LOG.warnf("Lineage mirror paused, will retry: %s", failure.getMessage());
    }
    lastError = String.valueOf(failure.getMessage());
    position = -1;
    Duration pause = backoff;
    backoff = longer(backoff);
    return pause;
  }

  /** Wakes the readers waiting in {@link #awaitMirror} for the mirror to reach a position. */
  private void announce(long applied) {
    synchronized (progress) {
      projected = applied;
      progress.notifyAll();
    }
  }

  private void updateLag() {
    try {
      tailer.inTransaction(
          () -> {
            OutboxStore.Positions positions = outbox.positions();
            lagRows.set(Math.max(0, positions.latest() - positions.mirror()));
            lagMillis.set(
                outbox
                    .oldestUnmirrored()
                    .map(t -> Duration.between(t, clock.instant()).toMillis())
                    .orElse(0L));
            return null;
          });
    } catch (RuntimeException e) {
      LOG.debugf("Cannot read mirror lag: %s", e.getMessage());
    }
  }

  /** Takes or keeps the session-level advisory lock that makes this replica the projector. */
  private boolean holdLeadership() {
    try {
      if (leadership != null && leadership.isValid(2)) {
        return true;
      }
      releaseLeadership();
      Connection connection = dataSource.getConnection();
      try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
        lock.setLong(1, LEADER_LOCK);
        try (ResultSet result = lock.executeQuery()) {
          if (result.next() && result.getBoolean(1)) {
            leadership = connection;
            leader = true;
            LOG.info("This replica now projects the lineage outbox to Neo4j");
            return true;
          }
        }
      }
      connection.close();
      return false;
    } catch (SQLException e) {
      releaseLeadership();
      return false;
    }
  }

  private void releaseLeadership() {
    leader = false;
    if (leadership != null) {
      try {
        leadership.close();
      } catch (SQLException e) {
        LOG.debugf("Closing the leadership connection failed: %s", e.getMessage());
      }
      leadership = null;
    }
  }

  private Duration longer(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
  }
}
