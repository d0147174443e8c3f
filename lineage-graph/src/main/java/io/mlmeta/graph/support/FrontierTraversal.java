package io.mlmeta.graph.support;

import io.mlmeta.graph.NodeFilter;
import io.mlmeta.graph.TraversalQuery;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.Visibility;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A breadth-first traversal over a {@link NeighbourSource}, one hop level per round. Each direction
 * of a BOTH walk keeps its own visited set (a node downstream of the start is walked downstream
 * even if it was already reached upstream, which only cyclic data allows); a node's hop distance is
 * the first level at which either direction reaches it. Nodes outside the query's visibility are
 * walked through as their redacted stand-ins.
 */
public final class FrontierTraversal {

  private final TraversalQuery query;
  private final NeighbourSource source;
  private final Deadline deadline;
  private final TraversalPager pager;
  private final NodeFilter returnFilter;
  private final Optional<NodeFilter> stopAt;
  private final Visibility visibility;

  private FrontierTraversal(TraversalQuery query, NeighbourSource source) {
    this.query = query;
    this.source = source;
    this.deadline = Deadline.after(query.timeBudget());
    this.pager = new TraversalPager(query);
    this.returnFilter = query.returnFilter();
    this.stopAt = query.stopAt();
    this.visibility = query.visibility();
  }

  /** Runs the query against {@code source} and returns the page, labelled with {@code engine}. */
  public static TraversalResult traverse(
      TraversalQuery query, NeighbourSource source, String engine) {
    FrontierTraversal traversal = new FrontierTraversal(query, source);
    return traversal.pager.finish(traversal.walk(), source, engine);
  }

  /** Feeds complete levels to the pager; true when the walk reached its natural end. */
  private boolean walk() {
    Map<NodeKey, Node> starts = new LinkedHashMap<>();
    source
        .nodes(query.startNodes())
        .forEach(
            (key, node) -> {
              if (visibility.includes(node.workspaceId())) {
                starts.put(key, node);
              }
            });
    Set<NodeKey> reached = new HashSet<>(starts.keySet());
    pager.acceptLevel(0, accepted(starts.values()));

    Direction[] walks = query.direction().walks();
    List<List<Node>> frontiers = new ArrayList<>();
    List<Set<NodeKey>> visited = new ArrayList<>();
    for (int i = 0; i < walks.length; i++) {
      frontiers.add(List.copyOf(starts.values()));
      visited.add(new HashSet<>(starts.keySet()));
    }
    for (int hops = 0; hops < query.maxHops(); hops++) {
      if (pager.pageDecided() || deadline.expired()) {
        return false;
      }
      List<Node> level = new ArrayList<>();
      boolean frontierLeft = false;
      for (int i = 0; i < walks.length; i++) {
        List<NodeKey> expandable = new ArrayList<>();
        for (Node node : frontiers.get(i)) {
          if (hops == 0 || stopAt.isEmpty() || !stopAt.get().matches(node)) {
            expandable.add(node.key());
          }
        }
        List<Node> next = new ArrayList<>();
        for (List<NodeKey> batch : Batches.of(expandable, source.batchSize())) {
          if (deadline.expired()) {
            return false;
          }
          for (Step step : source.expand(batch, walks[i])) {
            // The filters of later levels see only what the caller may see.
            Node neighbour = step.neighbour().as(visibility);
            if (visited.get(i).add(neighbour.key())) {
              next.add(neighbour);
              if (reached.add(neighbour.key())) {
                level.add(neighbour);
              }
            }
          }
        }
        frontiers.set(i, next);
        frontierLeft |= !next.isEmpty();
      }
      pager.acceptLevel(hops + 1, accepted(level));
      if (!frontierLeft) {
        return true;
      }
    }
    return true;
  }

  private List<NodeKey> accepted(Iterable<Node> nodes) {
    List<NodeKey> keys = new ArrayList<>();
    for (Node node : nodes) {
      if (returnFilter.matches(node)) {
        keys.add(node.key());
      }
    }
    return keys;
  }
}
