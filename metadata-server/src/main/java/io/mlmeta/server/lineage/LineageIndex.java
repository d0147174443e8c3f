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
import io.mlmeta.server.outbox.OutboxBatch;
import io.mlmeta.server.outbox.OutboxStore;
import io.mlmeta.server.outbox.OutboxTailer;
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
import org.jspecify.annotations.Nullable;

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
  private final OutboxTailer tailer;
  private final MlmetaConfig.Lineage.Index settings;
  private final long maxNodes;
  private final ReentrantLock reading = new ReentrantLock();
  private volatile @Nullable InMemoryLineageGraph graph;
  private volatile long position;
  private volatile State state;

  LineageIndex(
      LineageEngines engines, OutboxStore outbox, MlmetaConfig config, MeterRegistry registry) {
    this.engines = engines;
    this.tailer = new OutboxTailer("mlmeta-lineage-index", outbox);
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
    tailer.start(
        new OutboxTailer.Consumer() {
          @Override
          public Duration turn() {
            return follow();
          }

          @Override
          public Duration failed(RuntimeException failure) {
            fail(failure);
            return RETRY_PAUSE;
          }
        });
  }

  void stop(@Observes ShutdownEvent event) {
    tailer.stop(Duration.ofSeconds(5));
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

  /** One turn of the index's tailer: load if need be, else read what is new. */
  private Duration follow() {
    if (state != State.READY) {
      load();
      return Duration.ZERO;
    }
    reading.lock();
    int read;
    try {
      read = readOutbox();
    } finally {
      reading.unlock();
    }
    return read == 0 ? settings.pollInterval() : Duration.ZERO;
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
    long from = tailer.positions().latest();
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
    OutboxBatch batch = tailer.readAfter(position);
    if (batch.isEmpty()) {
      return 0;
    }
    InMemoryLineageGraph current = graph;
    if (current == null) {
      // Dropped meanwhile by a failure on another thread; the tailer's next turn reloads.
      return 0;
    }
    current.apply(batch.changeSet());
    if (current.nodeCount() > maxNodes) {
      standDown(current.nodeCount());
      return 0;
    }
    position = batch.lastPosition();
    return batch.size();
  }

  private void standDown(long nodes) {
    graph = null;
    state = State.TOO_LARGE;
    tailer.finish();
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
}
