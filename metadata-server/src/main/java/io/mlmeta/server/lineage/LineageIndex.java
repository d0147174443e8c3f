package io.mlmeta.server.lineage;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlmeta.graph.LineageGraph;
import io.mlmeta.graph.Scope;
import io.mlmeta.graph.memory.InMemoryLineageGraph;
import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.support.Batches;
import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.store.OutboxStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The lineage graph's topology in this replica's heap: loaded from PostgreSQL at start, then kept
 * current by reading the outbox (every replica reads it; only the Neo4j projector needs a leader).
 * A query that must see writes the index has not read yet pulls them itself before it answers, so
 * the index gives read-your-writes like PostgreSQL does, without a database round trip per hop.
 *
 * <p>The index is a cache PostgreSQL can always replace: while it loads, after a failure, or when
 * the graph outgrows its share of the heap, {@link #caughtUpTo} returns nothing and the router asks
 * PostgreSQL.
 */
@ApplicationScoped
public class LineageIndex {

  private static final Logger LOG = Logger.getLogger(LineageIndex.class);
  private static final int LOAD_BATCH = 10_000;
  private static final int ROWS_PER_POLL = 200;
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);
  // Heap per node including its share of edges, measured on the benchmark's graph.
  private static final long BYTES_PER_NODE = 500;

  /** Where the index stands; the router's fallback reason names it. */
  public enum State {
    DISABLED,
    LOADING,
    READY,
    TOO_LARGE,
    FAILED
  }

  private final LineageEngines engines;
  private final OutboxStore outbox;
  private final MlmetaConfig.Lineage.Index settings;
  private final long maxNodes;
  private final ReentrantLock reading = new ReentrantLock();
  private volatile InMemoryLineageGraph graph;
  private volatile long position;
  private volatile State state;
  private volatile boolean running;
  private Thread thread;

  LineageIndex(
      LineageEngines engines, OutboxStore outbox, MlmetaConfig config, MeterRegistry registry) {
    this.engines = engines;
    this.outbox = outbox;
    this.settings = config.lineage().index();
    this.maxNodes =
        (long) (Runtime.getRuntime().maxMemory() * settings.maxHeapShare()) / BYTES_PER_NODE;
    this.state = settings.enabled() ? State.LOADING : State.DISABLED;
    Gauge.builder("mlmeta.lineage.index.nodes", this, LineageIndex::nodeCount)
        .description("Nodes in this replica's in-memory lineage index")
        .register(registry);
    Gauge.builder("mlmeta.lineage.index.ready", this, index -> index.ready() ? 1 : 0)
        .description("1 when the in-memory lineage index answers lineage queries")
        .register(registry);
    Gauge.builder("mlmeta.lineage.index.position", this, index -> index.position)
        .description("Outbox position the in-memory lineage index has read up to")
        .register(registry);
  }

  void start(@Observes StartupEvent event) {
    if (!settings.enabled()) {
      LOG.info("In-memory lineage index disabled (mlmeta.lineage.index.enabled)");
      return;
    }
    running = true;
    thread = new Thread(this::run, "mlmeta-lineage-index");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  public State state() {
    return state;
  }

  /**
   * The index once it has read the outbox up to {@code required}, reading the missing rows itself
   * if need be; empty if it is not ready or cannot catch up within {@code wait}.
   */
  public Optional<LineageGraph> caughtUpTo(long required, Duration wait) {
    InMemoryLineageGraph current = graph;
    if (current == null || state != State.READY) {
      return Optional.empty();
    }
    if (position >= required) {
      return Optional.of(current);
    }
    try {
      if (!reading.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        return Optional.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      while (position < required && state == State.READY) {
        if (readOutbox() == 0) {
          break;
        }
      }
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      reading.unlock();
    }
    return position >= required && state == State.READY ? Optional.of(current) : Optional.empty();
  }

  /**
   * The workspace of a node the index holds. A node never changes workspace, so the answer holds
   * even while the index is behind; an unknown node is left to the store.
   */
  public Optional<Long> workspaceOf(NodeKey key) {
    InMemoryLineageGraph current = graph;
    if (current == null || state != State.READY) {
      return Optional.empty();
    }
    return current.workspaceOf(key);
  }

  private boolean ready() {
    return state == State.READY;
  }

  private double nodeCount() {
    InMemoryLineageGraph current = graph;
    return current == null ? 0 : current.nodeCount();
  }

  private void run() {
    while (running) {
      try {
        if (state != State.READY) {
          load();
          continue;
        }
        reading.lock();
        int read;
        try {
          read = readOutbox();
        } finally {
          reading.unlock();
        }
        if (read == 0) {
          sleep(settings.pollInterval());
        }
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        fail(e);
        sleep(RETRY_PAUSE);
      }
    }
  }

  /**
   * Copies every node and edge from PostgreSQL, starting from the outbox position read before the
   * copy: rows written during the copy are read again from the outbox, which is harmless (every
   * change is an upsert) and brings the edges the copy skipped because an end came too late.
   */
  private void load() {
    state = State.LOADING;
    graph = null;
    long started = System.nanoTime();
    long from = outbox.positions().latest();
    InMemoryLineageGraph loading = new InMemoryLineageGraph();
    LineageGraph store = engines.postgres();
    long nodes = 0;
    for (List<Node> batch : Batches.of(store.allNodes(Scope.all()), LOAD_BATCH)) {
      nodes += batch.size();
      if (nodes > maxNodes) {
        standDown(nodes);
        return;
      }
      loading.apply(ChangeSet.builder().upsertNodes(batch).build());
    }
    long edges = 0;
    for (List<Edge> batch : Batches.of(store.allEdges(Scope.all()), LOAD_BATCH)) {
      List<Edge> bothEndsLoaded =
          batch.stream()
              .filter(edge -> loading.contains(edge.from()) && loading.contains(edge.to()))
              .toList();
      edges += bothEndsLoaded.size();
      loading.apply(ChangeSet.builder().upsertEdges(bothEndsLoaded).build());
    }
    graph = loading;
    position = from;
    state = State.READY;
    LOG.infof(
        "In-memory lineage index loaded %d nodes and %d edges in %d ms",
        nodes, edges, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** Reads one poll of outbox rows into the index; the caller holds {@link #reading}. */
  private int readOutbox() {
    long from = position;
    List<OutboxStore.Entry> entries =
        QuarkusTransaction.requiringNew().call(() -> outbox.readAfter(from, ROWS_PER_POLL));
    if (entries.isEmpty()) {
      return 0;
    }
    InMemoryLineageGraph current = graph;
    current.apply(OutboxChanges.toChangeSet(entries));
    if (current.nodeCount() > maxNodes) {
      standDown(current.nodeCount());
      return 0;
    }
    position = entries.get(entries.size() - 1).position();
    return entries.size();
  }

  private void standDown(long nodes) {
    graph = null;
    state = State.TOO_LARGE;
    running = false;
    LOG.warnf(
        "In-memory lineage index stands down: %d nodes exceed its share of the heap (%d nodes at"
            + " mlmeta.lineage.index.max-heap-share=%s); PostgreSQL answers lineage queries",
        nodes, maxNodes, settings.maxHeapShare());
  }

  private void fail(RuntimeException e) {
    if (state == State.TOO_LARGE) {
      return;
    }
    graph = null;
    state = State.FAILED;
    LOG.warnf("In-memory lineage index failed and will reload: %s", e.getMessage());
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
