package io.mlmeta.graph.memory;

import io.mlmeta.graph.GraphCounts;
import io.mlmeta.graph.Path;
import io.mlmeta.graph.Scope;
import io.mlmeta.graph.TraversalQuery;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.graph.WritableLineageGraph;
import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.EdgeKey;
import io.mlmeta.graph.model.EdgeType;
import io.mlmeta.graph.model.GraphChange;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.NodeKind;
import io.mlmeta.graph.model.Visibility;
import io.mlmeta.graph.support.NeighbourSource;
import io.mlmeta.graph.support.ShortestPaths;
import io.mlmeta.graph.support.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The lineage graph in the heap: nodes in slot arrays, edges as per-slot adjacency arrays indexed
 * by primitive hash maps, so a node costs one {@link Node} plus a few ints and an edge a few dozen
 * bytes. Reads share a read lock and see one consistent state; writes take the write lock.
 *
 * <p>Node ids must be below 2<sup>62</sup> (the store's ids are positive bigints from a sequence)
 * and event times within about ±292 years of 1970.
 */
public final class InMemoryLineageGraph implements WritableLineageGraph {

  public static final String ENGINE = "memory";

  private static final int KIND_SHIFT = 62;
  private static final long ID_MASK = (1L << KIND_SHIFT) - 1;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, String> internedLabels = new HashMap<>();
  private final View view = new View();

  private LongIntHashMap slotByKey;
  private Node[] nodes;
  private Adjacency[] outgoing;
  private Adjacency[] incoming;
  private LongIntHashMap outgoingPosition;
  private LongIntHashMap incomingPosition;
  private int[] freeSlots;
  private int freeSlotCount;
  private int slotsInUse;
  // Node keys in key order, rebuilt lazily after nodes come or go.
  private long @Nullable [] sortedKeys;

  public InMemoryLineageGraph() {
    reset();
  }

  @Override
  public String engine() {
    return ENGINE;
  }

  @Override
  public void apply(ChangeSet changes) {
    Lock write = lock.writeLock();
    write.lock();
    try {
      for (GraphChange change : changes.changes()) {
        if (change instanceof GraphChange.UpsertNode upsert) {
          upsertNode(upsert.node());
        } else if (change instanceof GraphChange.UpsertEdge upsert) {
          upsertEdge(upsert.edge());
        } else if (change instanceof GraphChange.DeleteEdge delete) {
          deleteEdge(delete.key());
        } else if (change instanceof GraphChange.DeleteNode delete) {
          deleteNode(delete.key());
        }
      }
    } finally {
      write.unlock();
    }
  }

  @Override
  public TraversalResult traverse(TraversalQuery query) {
    return read(() -> SlotTraversal.traverse(query, view, view, ENGINE));
  }

  @Override
  public List<Path> paths(
      Visibility visibility,
      NodeKey from,
      NodeKey to,
      Direction direction,
      int maxHops,
      int limit) {
    return read(() -> ShortestPaths.find(view, visibility, from, to, direction, maxHops, limit));
  }

  @Override
  public GraphCounts counts(Scope scope) {
    return read(
        () -> {
          Map<NodeKind, Map<String, Long>> nodeCounts = new EnumMap<>(NodeKind.class);
          Map<EdgeType, Long> edgeCounts = new EnumMap<>(EdgeType.class);
          for (int slot = 0; slot < slotsInUse; slot++) {
            Node node = nodes[slot];
            if (node == null || !scope.includes(node.workspaceId())) {
              continue;
            }
            nodeCounts
                .computeIfAbsent(node.kind(), unused -> new HashMap<>())
                .merge(node.typeName(), 1L, Long::sum);
            // An edge counts for the workspace of its execution.
            if (node.kind() == NodeKind.EXECUTION) {
              edgeCounts.merge(EdgeType.OUTPUT, (long) degree(outgoing[slot]), Long::sum);
              edgeCounts.merge(EdgeType.INPUT, (long) degree(incoming[slot]), Long::sum);
            }
          }
          return new GraphCounts(nodeCounts, edgeCounts);
        });
  }

  @Override
  public List<Node> nodes(Scope scope, Optional<NodeKey> after, int limit) {
    requirePositive(limit);
    return read(
        () -> {
          long[] keys = sortedKeys();
          List<Node> page = new ArrayList<>(Math.min(limit, 1024));
          for (int i = firstIndexAfter(keys, after); i < keys.length && page.size() < limit; i++) {
            Node node = nodes[slotByKey.get(keys[i])];
            if (scope.includes(node.workspaceId())) {
              page.add(node);
            }
          }
          return page;
        });
  }

  @Override
  public List<Edge> edges(Scope scope, Optional<EdgeKey> after, int limit) {
    requirePositive(limit);
    return read(
        () -> {
          long[] keys = sortedKeys();
          List<Edge> page = new ArrayList<>(Math.min(limit, 1024));
          int start =
              after.map(edge -> Arrays.binarySearch(keys, packedKey(edge.from()))).orElse(0);
          start = start < 0 ? -start - 1 : start;
          for (int i = start; i < keys.length && page.size() < limit; i++) {
            int slot = slotByKey.get(keys[i]);
            Node from = nodes[slot];
            Adjacency out = outgoing[slot];
            if (out == null) {
              continue;
            }
            List<Edge> fromThisNode = new ArrayList<>(out.size());
            for (int j = 0; j < out.size(); j++) {
              int to = out.neighbour(j);
              int execution = from.kind() == NodeKind.EXECUTION ? slot : to;
              if (scope.includes(nodes[execution].workspaceId())) {
                fromThisNode.add(edge(slot, to, out.time(j)));
              }
            }
            fromThisNode.sort((left, right) -> left.to().compareTo(right.to()));
            for (Edge edge : fromThisNode) {
              if (page.size() < limit && after.map(a -> edge.key().compareTo(a) > 0).orElse(true)) {
                page.add(edge);
              }
            }
          }
          return page;
        });
  }

  @Override
  public void clear() {
    Lock write = lock.writeLock();
    write.lock();
    try {
      reset();
    } finally {
      write.unlock();
    }
  }

  private void reset() {
    slotByKey = new LongIntHashMap();
    nodes = new Node[64];
    outgoing = new Adjacency[64];
    incoming = new Adjacency[64];
    outgoingPosition = new LongIntHashMap();
    incomingPosition = new LongIntHashMap();
    freeSlots = new int[16];
    freeSlotCount = 0;
    slotsInUse = 0;
    sortedKeys = null;
    internedLabels.clear();
  }

  private void upsertNode(Node node) {
    long key = packedKey(node.key());
    Node stored =
        new Node(
            node.key(),
            node.workspaceId(),
            intern(node.typeName()),
            intern(node.state()),
            node.name(),
            node.uri(),
            node.createTime());
    int slot = slotByKey.get(key);
    if (slot == LongIntHashMap.MISSING) {
      slot = allocateSlot();
      slotByKey.put(key, slot);
      sortedKeys = null;
    }
    nodes[slot] = stored;
  }

  private void upsertEdge(Edge edge) {
    int from = slotByKey.get(packedKey(edge.from()));
    int to = slotByKey.get(packedKey(edge.to()));
    if (from == LongIntHashMap.MISSING || to == LongIntHashMap.MISSING) {
      throw new IllegalArgumentException("edge " + edge.key() + " has an end that does not exist");
    }
    long time = epochNanos(edge.time());
    long pair = slotPair(from, to);
    int position = outgoingPosition.get(pair);
    if (position != LongIntHashMap.MISSING) {
      outgoing[from].setTime(position, time);
      incoming[to].setTime(incomingPosition.get(pair), time);
      return;
    }
    outgoingPosition.put(pair, adjacency(outgoing, from).add(to, time));
    incomingPosition.put(pair, adjacency(incoming, to).add(from, time));
  }

  private void deleteEdge(EdgeKey key) {
    int from = slotByKey.get(packedKey(key.from()));
    int to = slotByKey.get(packedKey(key.to()));
    if (from != LongIntHashMap.MISSING && to != LongIntHashMap.MISSING) {
      removeEdge(from, to);
    }
  }

  private void removeEdge(int from, int to) {
    long pair = slotPair(from, to);
    int outPosition = outgoingPosition.get(pair);
    if (outPosition == LongIntHashMap.MISSING) {
      return;
    }
    outgoingPosition.remove(pair);
    int movedTarget = outgoing[from].removeAt(outPosition);
    if (movedTarget != Adjacency.NONE_MOVED) {
      outgoingPosition.put(slotPair(from, movedTarget), outPosition);
    }
    int inPosition = incomingPosition.get(pair);
    incomingPosition.remove(pair);
    int movedSource = incoming[to].removeAt(inPosition);
    if (movedSource != Adjacency.NONE_MOVED) {
      incomingPosition.put(slotPair(movedSource, to), inPosition);
    }
  }

  private void deleteNode(NodeKey key) {
    long packed = packedKey(key);
    int slot = slotByKey.get(packed);
    if (slot == LongIntHashMap.MISSING) {
      return;
    }
    Adjacency out = outgoing[slot];
    while (out != null && out.size() > 0) {
      removeEdge(slot, out.neighbour(out.size() - 1));
    }
    Adjacency in = incoming[slot];
    while (in != null && in.size() > 0) {
      removeEdge(in.neighbour(in.size() - 1), slot);
    }
    nodes[slot] = null;
    outgoing[slot] = null;
    incoming[slot] = null;
    slotByKey.remove(packed);
    sortedKeys = null;
    if (freeSlotCount == freeSlots.length) {
      freeSlots = Arrays.copyOf(freeSlots, freeSlotCount * 2);
    }
    freeSlots[freeSlotCount++] = slot;
  }

  private int allocateSlot() {
    if (freeSlotCount > 0) {
      return freeSlots[--freeSlotCount];
    }
    if (slotsInUse == nodes.length) {
      int capacity = nodes.length * 2;
      nodes = Arrays.copyOf(nodes, capacity);
      outgoing = Arrays.copyOf(outgoing, capacity);
      incoming = Arrays.copyOf(incoming, capacity);
    }
    return slotsInUse++;
  }

  private static Adjacency adjacency(Adjacency[] lists, int slot) {
    if (lists[slot] == null) {
      lists[slot] = new Adjacency();
    }
    return lists[slot];
  }

  private String intern(String label) {
    return internedLabels.computeIfAbsent(label, unused -> label);
  }

  private long[] sortedKeys() {
    if (sortedKeys == null) {
      long[] keys = new long[slotByKey.size()];
      int count = 0;
      for (int slot = 0; slot < slotsInUse; slot++) {
        if (nodes[slot] != null) {
          keys[count++] = packedKey(nodes[slot].key());
        }
      }
      Arrays.sort(keys);
      sortedKeys = keys;
    }
    return sortedKeys;
  }

  private static int firstIndexAfter(long[] keys, Optional<NodeKey> after) {
    if (after.isEmpty()) {
      return 0;
    }
    int index = Arrays.binarySearch(keys, packedKey(after.get()));
    return index >= 0 ? index + 1 : -index - 1;
  }

  private Edge edge(int fromSlot, int toSlot, long epochNanos) {
    NodeKey from = nodes[fromSlot].key();
    return new Edge(
        from, nodes[toSlot].key(), EdgeType.flowingFrom(from.kind()), instant(epochNanos));
  }

  /** The slot of {@code key}, or {@link LongIntHashMap#MISSING}; callers hold a lock. */
  private int findSlot(NodeKey key) {
    return key.id() <= ID_MASK ? slotByKey.get(packedKey(key)) : LongIntHashMap.MISSING;
  }

  /** Orders like {@link NodeKey}: kind in the top bits, id below. */
  private static long packedKey(NodeKey key) {
    if (key.id() > ID_MASK) {
      throw new IllegalArgumentException("node id too large for the in-memory graph: " + key);
    }
    return ((long) key.kind().ordinal() << KIND_SHIFT) | key.id();
  }

  private static int degree(@Nullable Adjacency edges) {
    return edges == null ? 0 : edges.size();
  }

  private static long slotPair(int from, int to) {
    return ((long) (from + 1) << 32) | (to + 1);
  }

  private static long epochNanos(Instant time) {
    try {
      return Math.addExact(
          Math.multiplyExact(time.getEpochSecond(), NANOS_PER_SECOND), time.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("event time out of range: " + time, e);
    }
  }

  private static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }

  private <T> T read(Supplier<T> action) {
    Lock read = lock.readLock();
    read.lock();
    try {
      return action.get();
    } finally {
      read.unlock();
    }
  }

  /**
   * Whether the graph holds {@code key}, so a loader can skip edges whose ends it has not seen yet.
   */
  public boolean contains(NodeKey key) {
    return read(() -> findSlot(key) != LongIntHashMap.MISSING);
  }

  /** The workspace of {@code key}, if the graph holds it. */
  public Optional<Long> workspaceOf(NodeKey key) {
    return read(
        () -> {
          int slot = findSlot(key);
          return slot == LongIntHashMap.MISSING
              ? Optional.empty()
              : Optional.of(nodes[slot].workspaceId());
        });
  }

  /** How many nodes the graph holds. */
  public int nodeCount() {
    return read(() -> slotByKey.size());
  }

  /** The graph as the walks see it; callers hold the read lock. */
  private final class View implements NeighbourSource, SlotTraversal.Slots {

    @Override
    public int slotOf(NodeKey key) {
      int slot = findSlot(key);
      return slot != LongIntHashMap.MISSING ? slot : -1;
    }

    @Override
    public Node node(int slot) {
      return nodes[slot];
    }

    @Override
    public Adjacency edges(int slot, Direction direction) {
      return (direction == Direction.DOWNSTREAM ? outgoing : incoming)[slot];
    }

    @Override
    public int capacity() {
      return slotsInUse;
    }

    @Override
    public Map<NodeKey, Node> nodes(Collection<NodeKey> keys) {
      Map<NodeKey, Node> found = new LinkedHashMap<>();
      for (NodeKey key : keys) {
        int slot = findSlot(key);
        if (slot != LongIntHashMap.MISSING) {
          found.put(key, nodes[slot]);
        }
      }
      return found;
    }

    @Override
    public List<Step> expand(Collection<NodeKey> frontier, Direction direction) {
      boolean downstream = direction == Direction.DOWNSTREAM;
      List<Step> steps = new ArrayList<>();
      for (NodeKey key : frontier) {
        int slot = slotByKey.get(packedKey(key));
        Adjacency edges =
            slot == LongIntHashMap.MISSING ? null : (downstream ? outgoing : incoming)[slot];
        for (int i = 0; edges != null && i < edges.size(); i++) {
          Node neighbour = nodes[edges.neighbour(i)];
          Edge edge =
              downstream
                  ? edge(slot, edges.neighbour(i), edges.time(i))
                  : edge(edges.neighbour(i), slot, edges.time(i));
          steps.add(new Step(key, edge, neighbour));
        }
      }
      return steps;
    }

    @Override
    public List<Edge> edgesBetween(Collection<NodeKey> ends, Set<NodeKey> otherEnds) {
      List<Edge> found = new ArrayList<>();
      int[] otherSlots = null;
      for (NodeKey key : ends) {
        int slot = slotByKey.get(packedKey(key));
        if (slot == LongIntHashMap.MISSING) {
          continue;
        }
        Adjacency out = outgoing[slot];
        Adjacency in = incoming[slot];
        int degree = (out == null ? 0 : out.size()) + (in == null ? 0 : in.size());
        if (degree > otherEnds.size()) {
          // A popular dataset has tens of thousands of edges: probe the few other ends instead.
          if (otherSlots == null) {
            otherSlots = slotsOf(otherEnds);
          }
          for (int other : otherSlots) {
            int position = outgoingPosition.get(slotPair(slot, other));
            if (position != LongIntHashMap.MISSING) {
              found.add(edge(slot, other, out.time(position)));
            }
            position = incomingPosition.get(slotPair(other, slot));
            if (position != LongIntHashMap.MISSING) {
              found.add(edge(other, slot, in.time(position)));
            }
          }
          continue;
        }
        for (int i = 0; out != null && i < out.size(); i++) {
          if (otherEnds.contains(nodes[out.neighbour(i)].key())) {
            found.add(edge(slot, out.neighbour(i), out.time(i)));
          }
        }
        for (int i = 0; in != null && i < in.size(); i++) {
          if (otherEnds.contains(nodes[in.neighbour(i)].key())) {
            found.add(edge(in.neighbour(i), slot, in.time(i)));
          }
        }
      }
      return found;
    }

    private int[] slotsOf(Set<NodeKey> keys) {
      int[] slots = new int[keys.size()];
      int count = 0;
      for (NodeKey key : keys) {
        int slot = findSlot(key);
        if (slot != LongIntHashMap.MISSING) {
          slots[count++] = slot;
        }
      }
      return Arrays.copyOf(slots, count);
    }

    @Override
    public int batchSize() {
      return 4_096;
    }
  }
}
