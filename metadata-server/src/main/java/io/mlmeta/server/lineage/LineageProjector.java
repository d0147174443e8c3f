package io.mlmeta.server.lineage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlmeta.graph.LineageGraph;
import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.store.OutboxStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

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

  /** Rows read per poll; a row holds at most about a thousand changes. */
  private static final int ROWS_PER_POLL = 200;

  private final DataSource dataSource;
  private final OutboxStore outbox;
  private final LineageEngines engines;
  private final MlmetaConfig.Lineage.Projector settings;
  private final BlockingQueue<MirrorTask> tasks = new LinkedBlockingQueue<>();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong lagRows = new AtomicLong();
  private final AtomicLong lagMillis = new AtomicLong();
  private final Counter appliedRows;
  private volatile boolean running;
  private volatile boolean leader;
  private volatile String lastError;
  private Thread thread;
  private Connection leadership;

  LineageProjector(
      DataSource dataSource,
      OutboxStore outbox,
      LineageEngines engines,
      MlmetaConfig config,
      MeterRegistry registry) {
    this.dataSource = dataSource;
    this.outbox = outbox;
    this.engines = engines;
    this.settings = config.lineage().projector();
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
    running = true;
    thread = new Thread(this::run, "mlmeta-lineage-projector");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    releaseLeadership();
  }

  /** Whether this replica currently projects. */
  public boolean isLeader() {
    return leader;
  }

  /** The last error met while applying, or null after a successful batch. */
  public String lastError() {
    return lastError;
  }

  /**
   * Hands an admin task (rebuild, repair) to the projector thread, which runs it between batches.
   */
  void submit(MirrorTask task) {
    tasks.add(task);
  }

  private void run() {
    long position = -1;
    Duration backoff = settings.pollInterval();
    while (running) {
      try {
        if (!holdLeadership()) {
          position = -1;
          sleep(STANDBY_PAUSE);
          continue;
        }
        Optional<LineageGraph> neo4j = engines.neo4j();
        if (neo4j.isEmpty()) {
          // LineageEngines paces reconnect attempts itself; checking again soon is cheap.
          lastError = "Neo4j is not reachable";
          updateLag();
          sleep(STANDBY_PAUSE);
          continue;
        }
        MirrorTask task = tasks.poll();
        if (task != null) {
          task.run(neo4j.get());
          position = -1;
          continue;
        }
        if (position < 0) {
          position = outbox.positions().mirror();
        }
        long from = position;
        List<OutboxStore.Entry> entries =
            QuarkusTransaction.requiringNew().call(() -> outbox.readAfter(from, ROWS_PER_POLL));
        if (entries.isEmpty()) {
          updateLag();
          backoff = settings.pollInterval();
          sleep(settings.pollInterval());
          continue;
        }
        for (List<OutboxStore.Entry> group : groups(entries, settings.batchSize())) {
          neo4j.get().apply(OutboxChanges.toChangeSet(group));
          long last = group.get(group.size() - 1).position();
          QuarkusTransaction.requiringNew().run(() -> outbox.advanceMirror(last));
          position = last;
          applied.addAndGet(group.size());
          appliedRows.increment(group.size());
        }
        lastError = null;
        backoff = settings.pollInterval();
        updateLag();
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        if (lastError == null || !lastError.equals(e.getMessage())) {
          LOG.warnf("Lineage mirror paused, will retry: %s", e.getMessage());
        }
        lastError = String.valueOf(e.getMessage());
        position = -1;
        sleep(backoff);
        backoff = longer(backoff);
      }
    }
  }

  /** Consecutive entries whose changes add up to at most {@code maxChanges} (at least one). */
  static List<List<OutboxStore.Entry>> groups(List<OutboxStore.Entry> entries, int maxChanges) {
    List<List<OutboxStore.Entry>> groups = new java.util.ArrayList<>();
    List<OutboxStore.Entry> current = new java.util.ArrayList<>();
    int changes = 0;
    for (OutboxStore.Entry entry : entries) {
      int size = entry.changes().nodes().size() + entry.changes().edges().size();
      if (!current.isEmpty() && changes + size > maxChanges) {
        groups.add(current);
        current = new java.util.ArrayList<>();
        changes = 0;
      }
      current.add(entry);
      changes += size;
    }
    if (!current.isEmpty()) {
      groups.add(current);
    }
    return groups;
  }

  private void updateLag() {
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                OutboxStore.Positions positions = outbox.positions();
                lagRows.set(Math.max(0, positions.latest() - positions.mirror()));
                lagMillis.set(
                    outbox
                        .oldestUnmirrored()
                        .map(t -> Duration.between(t, Instant.now()).toMillis())
                        .orElse(0L));
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

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
