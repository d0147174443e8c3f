package io.mlmeta.server.lineage;

import io.mlmeta.graph.LineageGraph;
import io.mlmeta.graph.Scope;
import io.mlmeta.graph.WritableLineageGraph;
import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.EdgeKey;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.support.Batches;
import io.mlmeta.server.domain.error.FailedPreconditionException;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.outbox.OutboxStore;
import io.mlmeta.server.service.Access;
import io.mlmeta.server.service.ServiceBoundary;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Operations on the Neo4j mirror: a full rebuild from PostgreSQL, a consistency check comparing
 * both sides node by node and edge by edge, and a repair that applies the differences. Rebuild and
 * repair run on the projector thread so they never race it.
 */
@ServiceBoundary
@ApplicationScoped
public class MirrorAdmin {

  private static final int BATCH = 5_000;
  // Batches read from PostgreSQL ahead of the Neo4j writes.
  private static final int READ_AHEAD = 4;
  private static final int SAMPLE = 50;
  private static final Duration TASK_TIMEOUT = Duration.ofMinutes(30);

  private final LineageEngines engines;
  private final LineageProjector projector;
  private final OutboxStore outbox;
  private final Access access;
  private final Clock clock;

  MirrorAdmin(
      LineageEngines engines,
      LineageProjector projector,
      OutboxStore outbox,
      Access access,
      Clock clock) {
    this.access = access;
    this.clock = clock;
    this.engines = engines;
    this.projector = projector;
    this.outbox = outbox;
  }

  /**
   * Clears Neo4j and copies every node and edge from PostgreSQL, then resumes projecting from the
   * outbox position read before the copy (re-applying later rows is harmless: they are MERGEs).
   *
   * @throws FailedPreconditionException if no mirror is configured or this replica does not project
   */
  public RebuildReport rebuild(Principal caller) {
    access.requireAdmin(caller, "rebuilding the lineage mirror");
    return (RebuildReport) onProjector(this::rebuildOn);
  }

  /** Positions, reachability and leadership of the mirror; admins only (it names hosts). */
  public MirrorStatus status(Principal caller) {
    access.requireAdmin(caller, "the lineage mirror's status");
    return status();
  }

  /** The mirror's status for the server's own health checks. */
  MirrorStatus status() {
    OutboxStore.Positions positions = outbox.positions();
    return new MirrorStatus(
        engines.mirrorConfigured(),
        engines.neo4j().isPresent(),
        projector.isLeader(),
        positions.mirror(),
        positions.latest(),
        projector.lastError());
  }

  /** Compares PostgreSQL and Neo4j; read-only. */
  public MirrorReport check(Principal caller) {
    access.requireAdmin(caller, "checking the lineage mirror");
    WritableLineageGraph neo4j =
        engines
            .neo4j()
            .orElseThrow(() -> new FailedPreconditionException("Neo4j is not reachable"));
    return compare(neo4j, false);
  }

  /** Compares both sides and writes the differences into Neo4j from PostgreSQL. */
  public MirrorReport repair(Principal caller) {
    access.requireAdmin(caller, "repairing the lineage mirror");
    return (MirrorReport) onProjector(neo4j -> compare(neo4j, true));
  }

  private Object onProjector(Function<WritableLineageGraph, Object> work) {
    if (!engines.mirrorConfigured()) {
      throw new FailedPreconditionException(
          "no Neo4j mirror is configured (mlmeta.lineage.neo4j.uri)");
    }
    if (!projector.isLeader()) {
      throw new FailedPreconditionException(
          "this replica does not project the lineage outbox; send the call to the replica whose"
              + " mlmeta_lineage_mirror_leader metric is 1");
    }
    MirrorTask task = new MirrorTask(work);
    projector.submit(task);
    try {
      return task.result().get(TASK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new FailedPreconditionException("the mirror operation is still running");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private RebuildReport rebuildOn(WritableLineageGraph neo4j) {
    Instant started = clock.instant();
    long position = outbox.positions().latest();
    neo4j.clear();
    LineageGraph store = engines.postgres();
    long nodes =
        copy(store.allNodes(Scope.all()), neo4j, b -> ChangeSet.builder().upsertNodes(b).build());
    long edges =
        copy(store.allEdges(Scope.all()), neo4j, b -> ChangeSet.builder().upsertEdges(b).build());
    QuarkusTransaction.requiringNew().run(() -> outbox.resetMirror(position));
    return new RebuildReport(
        nodes, edges, position, Duration.between(started, clock.instant()).toMillis());
  }

  /**
   * Copies the stream into the target in batches. A reader thread fetches the next batches from
   * PostgreSQL while this one writes to Neo4j, so a rebuild takes about as long as the writes
   * alone.
   */
  private static <T> long copy(
      Stream<T> items, WritableLineageGraph target, Function<List<T>, ChangeSet> changes) {
    BlockingQueue<List<T>> batches = new ArrayBlockingQueue<>(READ_AHEAD);
    List<T> end = new ArrayList<>();
    AtomicReference<RuntimeException> readFailure = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (List<T> batch : Batches.of(items, BATCH)) {
                  batches.put(batch);
                }
              } catch (RuntimeException e) {
                readFailure.set(e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              try {
                batches.put(end);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "mlmeta-mirror-rebuild-reader");
    reader.setDaemon(true);
    reader.start();
    long count = 0;
    try {
      for (List<T> batch = batches.take(); batch != end; batch = batches.take()) {
        target.apply(changes.apply(batch));
        count += batch.size();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("mirror rebuild interrupted", e);
    } finally {
      reader.interrupt();
    }
    if (readFailure.get() != null) {
      throw readFailure.get();
    }
    return count;
  }

  private MirrorReport compare(WritableLineageGraph neo4j, boolean repair) {
    OutboxStore.Positions positions = outbox.positions();
    long mirrorPosition = positions.mirror();
    long latestPosition = positions.latest();
    LineageGraph store = engines.postgres();
    ChangeSet.Builder fixes = ChangeSet.builder();
    List<String> sample = new ArrayList<>();
    Diff<Node, NodeKey> nodes =
        diff(
            store.allNodes(Scope.all()),
            neo4j.allNodes(Scope.all()),
            Node::key,
            MirrorAdmin::sameNode,
            sample);
    Diff<Edge, EdgeKey> edges =
        diff(
            store.allEdges(Scope.all()),
            neo4j.allEdges(Scope.all()),
            Edge::key,
            (a, b) -> a.type() == b.type(),
            sample);
    if (repair) {
      fixes.upsertNodes(nodes.toUpsert);
      fixes.upsertEdges(edges.toUpsert);
      edges.extra.forEach(edge -> fixes.delete(edge.key()));
      nodes.extra.forEach(node -> fixes.delete(node.key()));
      ChangeSet changes = fixes.build();
      if (!changes.isEmpty()) {
        neo4j.apply(changes);
      }
    }
    return new MirrorReport(
        nodes.left,
        nodes.right,
        edges.left,
        edges.right,
        nodes.missing,
        nodes.extra.size(),
        nodes.different,
        edges.missing,
        edges.extra.size(),
        List.copyOf(sample),
        mirrorPosition,
        latestPosition,
        repair);
  }

  private static boolean sameNode(Node a, Node b) {
    return a.workspaceId() == b.workspaceId()
        && a.typeName().equals(b.typeName())
        && a.state().equals(b.state())
        && Objects.equals(a.name(), b.name())
        && Objects.equals(a.uri(), b.uri());
  }

  /** A merge of two key-ordered streams. */
  private static final class Diff<T, K extends Comparable<K>> {
    long left;
    long right;
    long missing;
    long different;
    final List<T> toUpsert = new ArrayList<>();
    final List<T> extra = new ArrayList<>();
  }

  private static <T, K extends Comparable<K>> Diff<T, K> diff(
      Stream<T> store,
      Stream<T> mirror,
      Function<T, K> key,
      BiPredicate<T, T> same,
      List<String> sample) {
    Diff<T, K> diff = new Diff<>();
    Iterator<T> left = store.iterator();
    Iterator<T> right = mirror.iterator();
    T a = next(left);
    T b = next(right);
    while (a != null || b != null) {
      int order = a == null ? 1 : b == null ? -1 : key.apply(a).compareTo(key.apply(b));
      if (order < 0) {
        diff.left++;
        diff.missing++;
        diff.toUpsert.add(a);
        note(sample, "missing in Neo4j: " + key.apply(a));
        a = next(left);
      } else if (order > 0) {
        diff.right++;
        diff.extra.add(b);
        note(sample, "only in Neo4j: " + key.apply(b));
        b = next(right);
      } else {
        diff.left++;
        diff.right++;
        if (!same.test(a, b)) {
          diff.different++;
          diff.toUpsert.add(a);
          note(sample, "differs: " + key.apply(a));
        }
        a = next(left);
        b = next(right);
      }
    }
    return diff;
  }

  private static <T> @Nullable T next(Iterator<T> iterator) {
    return iterator.hasNext() ? iterator.next() : null;
  }

  private static void note(List<String> sample, String difference) {
    if (sample.size() < SAMPLE) {
      sample.add(difference);
    }
  }
}
