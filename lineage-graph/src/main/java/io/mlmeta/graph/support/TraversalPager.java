package io.mlmeta.graph.support;

import io.mlmeta.graph.TraversalQuery;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.graph.TraversedNode;
import io.mlmeta.graph.Truncation;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.EdgeKey;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cuts a walk into pages, the same way for every engine. The engine feeds it complete hop levels in
 * order (each node once, at its shortest distance); the pager keeps the nodes the return filter
 * accepted and says when it has more than a page past the cursor, so the walk can stop early.
 */
public final class TraversalPager {

  private record Position(int hops, NodeKey key) {
    static final Comparator<Position> ORDER =
        Comparator.comparingInt(Position::hops).thenComparing(Position::key);
  }

  private final TraversalQuery query;
  private final TraversalCursor cursor;
  private final Map<NodeKey, Integer> resultHops = new HashMap<>();
  private final List<Position> afterCursor = new ArrayList<>();
  private boolean walkComplete;
  private List<Position> page = List.of();

  public TraversalPager(TraversalQuery query) {
    this.query = query;
    this.cursor = query.cursor().map(TraversalCursor::decode).orElse(TraversalCursor.beginning());
  }

  /**
   * Takes one complete hop level: the keys of the nodes first reached at {@code hops} that the
   * return filter accepts. Returns true once the walk can stop because the page is decided.
   */
  public boolean acceptLevel(int hops, Collection<NodeKey> acceptedKeys) {
    for (NodeKey key : acceptedKeys) {
      if (resultHops.putIfAbsent(key, hops) == null && cursor.precedes(hops, key)) {
        afterCursor.add(new Position(hops, key));
      }
    }
    return pageDecided();
  }

  /** True when more than a page of nodes follows the cursor, so deeper levels cannot matter. */
  public boolean pageDecided() {
    return afterCursor.size() > query.pageSize();
  }

  /**
   * Ends the walk ({@code complete} when every level up to maxHops was fed) and builds the page,
   * with {@code source} resolving the page's nodes and edges; the same for every engine. Nodes
   * outside the query's visibility come back redacted.
   */
  public TraversalResult finish(boolean complete, NeighbourSource source, String engine) {
    endWalk(complete);
    List<NodeKey> keys = pageKeys();
    Map<NodeKey, Node> nodes = new HashMap<>();
    source.nodes(keys).forEach((key, node) -> nodes.put(key, node.as(query.visibility())));
    return result(nodes, source.edgesBetween(keys, resultKeysThroughPage()), engine);
  }

  private void endWalk(boolean complete) {
    this.walkComplete = complete;
    afterCursor.sort(Position.ORDER);
    page = List.copyOf(afterCursor.subList(0, Math.min(query.pageSize(), afterCursor.size())));
  }

  /** The keys of this page's nodes, in result order. */
  private List<NodeKey> pageKeys() {
    requireEnded();
    return page.stream().map(Position::key).toList();
  }

  /** Every returned node up to the end of this page: the other ends of this page's edges. */
  private Set<NodeKey> resultKeysThroughPage() {
    requireEnded();
    if (page.isEmpty()) {
      return Set.of();
    }
    Position last = page.get(page.size() - 1);
    Set<NodeKey> keys = new HashSet<>();
    resultHops.forEach(
        (key, hops) -> {
          if (Position.ORDER.compare(new Position(hops, key), last) <= 0) {
            keys.add(key);
          }
        });
    return keys;
  }

  /**
   * The page's result. {@code nodes} resolves the page keys (a key that vanished meanwhile is
   * skipped); {@code candidateEdges} holds at least every edge between a page node and a returned
   * node before it, and may hold more.
   */
  private TraversalResult result(
      Map<NodeKey, Node> nodes, Collection<Edge> candidateEdges, String engine) {
    requireEnded();
    Set<NodeKey> pageKeySet = new HashSet<>(pageKeys());
    List<TraversedNode> traversed = new ArrayList<>(page.size());
    for (Position position : page) {
      Node node = nodes.get(position.key());
      if (node != null) {
        traversed.add(new TraversedNode(node, position.hops()));
      }
    }
    Map<EdgeKey, Edge> edges = new TreeMap<>();
    for (Edge edge : candidateEdges) {
      Integer fromHops = resultHops.get(edge.from());
      Integer toHops = resultHops.get(edge.to());
      if (fromHops == null || toHops == null) {
        continue;
      }
      Position from = new Position(fromHops, edge.from());
      Position to = new Position(toHops, edge.to());
      NodeKey later = Position.ORDER.compare(from, to) > 0 ? edge.from() : edge.to();
      NodeKey earlier = edge.otherEnd(later);
      // Delivered with the page of its later end; the earlier end was returned by now.
      boolean laterOnThisPage = pageKeySet.contains(later) && nodes.containsKey(later);
      boolean earlierVanished = pageKeySet.contains(earlier) && !nodes.containsKey(earlier);
      if (laterOnThisPage && !earlierVanished) {
        edges.put(edge.key(), edge);
      }
    }
    Truncation truncation =
        afterCursor.size() > page.size()
            ? Truncation.PAGE
            : walkComplete ? Truncation.NONE : Truncation.TIME_BUDGET;
    Optional<String> next =
        truncation == Truncation.NONE ? Optional.empty() : Optional.of(nextCursor().encode());
    return new TraversalResult(traversed, List.copyOf(edges.values()), truncation, next, engine);
  }

  private TraversalCursor nextCursor() {
    if (page.isEmpty()) {
      return cursor;
    }
    Position last = page.get(page.size() - 1);
    return TraversalCursor.after(last.hops(), last.key());
  }

  private void requireEnded() {
    if (page == null) {
      throw new IllegalStateException("endWalk() has not been called");
    }
  }
}
