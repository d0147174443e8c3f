package io.mlmeta.graph.memory;

import io.mlmeta.graph.NodeFilter;
import io.mlmeta.graph.TraversalQuery;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.Visibility;
import io.mlmeta.graph.support.Deadline;
import io.mlmeta.graph.support.NeighbourSource;
import io.mlmeta.graph.support.TraversalPager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The breadth-first walk of {@link io.mlmeta.graph.support.FrontierTraversal}, with the same
 * semantics (one visited set per direction, a node's distance is the first level either direction
 * reaches it, stop-at nodes are returned but not expanded), run over slot numbers and bit sets
 * instead of keys and hash sets. A walk over hundreds of thousands of nodes then allocates a few
 * arrays rather than an object per step, which is what makes the impact of a popular dataset cheap.
 */
final class SlotTraversal {

  /** What the walk reads from the graph; the caller holds its read lock. */
  interface Slots {

    /** The slot of {@code key}, or -1. */
    int slotOf(NodeKey key);

    Node node(int slot);

    /** The edges of {@code slot} walked in {@code direction}, or null when it has none. */
    Adjacency edges(int slot, Direction direction);

    /** One past the highest slot in use. */
    int capacity();
  }

  /**
   * Per-walk marks (reached, visited upstream, visited downstream) kept in one int per slot, tagged
   * with a generation so a walk starts from a clean slate without clearing or allocating an array
   * the size of the graph: a 5-hop walk over ten nodes must not pay for a million slots. Arrays are
   * pooled, so there are only as many as walks run at once.
   */
  static final class Marks {
    private static final int BITS = 3;
    private static final int MAX_GENERATION = (1 << (Integer.SIZE - 1 - BITS)) - 1;
    private static final ConcurrentLinkedQueue<Marks> POOL = new ConcurrentLinkedQueue<>();

    private int[] marks = new int[0];
    private int generation;

    static Marks borrow(int capacity) {
      Marks marks = POOL.poll();
      if (marks == null) {
        marks = new Marks();
      }
      if (marks.marks.length < capacity) {
        marks.marks = new int[capacity + capacity / 8];
        marks.generation = 0;
      }
      if (++marks.generation > MAX_GENERATION) {
        Arrays.fill(marks.marks, 0);
        marks.generation = 1;
      }
      return marks;
    }

    void release() {
      POOL.offer(this);
    }

    boolean has(int slot, int bit) {
      int mark = marks[slot];
      return mark >>> BITS == generation && (mark & bit) != 0;
    }

    void set(int slot, int bit) {
      int mark = marks[slot];
      marks[slot] = mark >>> BITS == generation ? mark | bit : generation << BITS | bit;
    }
  }

  private static final int REACHED = 1;

  // Expansions between two looks at the clock.
  private static final int DEADLINE_STRIDE = 4_096;

  private final TraversalQuery query;
  private final Slots slots;
  private final Deadline deadline;
  private final TraversalPager pager;
  private final NodeFilter returnFilter;
  private final Optional<NodeFilter> stopAt;
  private final Visibility visibility;
  // Whether a filter needs to know which nodes are redacted; with none, the walk never asks.
  private final boolean filtersSeeRedaction;

  private SlotTraversal(TraversalQuery query, Slots slots) {
    this.query = query;
    this.slots = slots;
    this.deadline = Deadline.after(query.timeBudget());
    this.pager = new TraversalPager(query);
    this.returnFilter = query.returnFilter();
    this.stopAt = query.stopAt();
    this.visibility = query.visibility();
    this.filtersSeeRedaction =
        !visibility.includesAll() && (stopAt.isPresent() || !returnFilter.acceptsAll());
  }

  /** Runs the query and returns the page; {@code source} resolves the page's nodes and edges. */
  static TraversalResult traverse(
      TraversalQuery query, Slots slots, NeighbourSource source, String engine) {
    SlotTraversal traversal = new SlotTraversal(query, slots);
    boolean complete;
    Marks marks = Marks.borrow(slots.capacity());
    try {
      complete = traversal.walk(marks);
    } finally {
      marks.release();
    }
    return traversal.pager.finish(complete, source, engine);
  }

  private boolean walk(Marks marks) {
    Direction[] walks = query.direction().walks();
    // Bit 1 marks a reached node, bits 2 and 4 a node visited by the first and second direction.
    int[] visitedBit = {REACHED << 1, REACHED << 2};
    IntList starts = new IntList();
    for (NodeKey key : query.startNodes()) {
      int slot = slots.slotOf(key);
      if (slot >= 0
          && visibility.includes(slots.node(slot).workspaceId())
          && !marks.has(slot, REACHED)) {
        marks.set(slot, REACHED | visitedBit[0] | visitedBit[1]);
        starts.add(slot);
      }
    }
    pager.acceptLevel(0, accepted(starts));

    IntList[] frontiers = new IntList[walks.length];
    for (int i = 0; i < walks.length; i++) {
      frontiers[i] = starts.copy();
    }
    int expansions = 0;
    for (int hops = 0; hops < query.maxHops(); hops++) {
      if (pager.pageDecided() || deadline.expired()) {
        return false;
      }
      IntList level = new IntList();
      boolean frontierLeft = false;
      for (int i = 0; i < walks.length; i++) {
        IntList frontier = frontiers[i];
        IntList next = new IntList();
        for (int f = 0; f < frontier.size; f++) {
          int slot = frontier.values[f];
          if (hops > 0 && stopAt.isPresent() && stopAt.get().matches(filtered(slot))) {
            continue;
          }
          if (++expansions % DEADLINE_STRIDE == 0 && deadline.expired()) {
            return false;
          }
          Adjacency edges = slots.edges(slot, walks[i]);
          for (int e = 0; edges != null && e < edges.size(); e++) {
            int neighbour = edges.neighbour(e);
            if (marks.has(neighbour, visitedBit[i])) {
              continue;
            }
            marks.set(neighbour, visitedBit[i]);
            next.add(neighbour);
            if (!marks.has(neighbour, REACHED)) {
              marks.set(neighbour, REACHED);
              level.add(neighbour);
            }
          }
        }
        frontiers[i] = next;
        frontierLeft |= next.size > 0;
      }
      pager.acceptLevel(hops + 1, accepted(level));
      if (!frontierLeft) {
        return true;
      }
    }
    return true;
  }

  private List<NodeKey> accepted(IntList level) {
    List<NodeKey> keys = new ArrayList<>();
    boolean all = returnFilter.acceptsAll();
    for (int i = 0; i < level.size; i++) {
      int slot = level.values[i];
      if (all) {
        keys.add(slots.node(slot).key());
      } else {
        Node node = filtered(slot);
        if (returnFilter.matches(node)) {
          keys.add(node.key());
        }
      }
    }
    return keys;
  }

  /** The node at {@code slot} as the filters may see it: redacted unless visible. */
  private Node filtered(int slot) {
    Node node = slots.node(slot);
    return filtersSeeRedaction ? node.as(visibility) : node;
  }

  /** A growable int array; the walk's frontiers and levels. */
  private static final class IntList {
    private int[] values = new int[16];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    IntList copy() {
      IntList copy = new IntList();
      copy.values = Arrays.copyOf(values, Math.max(16, size));
      copy.size = size;
      return copy;
    }
  }
}
