package io.mlmeta.graph.support;

import io.mlmeta.graph.Path;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.Visibility;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Shortest paths over a {@link NeighbourSource}: a breadth-first search from the first node that
 * stops at the level where the last node appears, then a walk of the shortest-path graph in node
 * key order, so paths come out in {@link Path#ORDER} and the walk stops at the limit.
 */
public final class ShortestPaths {

  private final NeighbourSource source;
  private final Visibility visibility;

  private ShortestPaths(NeighbourSource source, Visibility visibility) {
    this.source = source;
    this.visibility = visibility;
  }

  /** See {@link io.mlmeta.graph.LineageGraph#paths}. */
  public static List<Path> find(
      NeighbourSource source,
      Visibility visibility,
      NodeKey from,
      NodeKey to,
      Direction direction,
      int maxHops,
      int limit) {
    validate(maxHops, limit);
    Node start = visibleStart(source.nodes(List.of(from, to)), visibility, from, to);
    if (start == null) {
      return List.of();
    }
    if (from.equals(to)) {
      return List.of(trivialPath(direction, start));
    }
    ShortestPaths search = new ShortestPaths(source, visibility);
    List<Path> paths = new ArrayList<>();
    for (Direction walk : direction.walks()) {
      paths.addAll(search.inOneDirection(start, to, walk, maxHops, limit));
    }
    return shortestFirst(paths, limit);
  }

  public static void validate(int maxHops, int limit) {
    if (maxHops < 0) {
      throw new IllegalArgumentException("maxHops must not be negative: " + maxHops);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }

  /**
   * The node paths start from, when both ends exist and are visible; else null, as there are no
   * paths to report.
   */
  public static @Nullable Node visibleStart(
      Map<NodeKey, Node> found, Visibility visibility, NodeKey from, NodeKey to) {
    Node start = found.get(from);
    Node end = found.get(to);
    if (start == null
        || end == null
        || !visibility.includes(start.workspaceId())
        || !visibility.includes(end.workspaceId())) {
      return null;
    }
    return start;
  }

  /** The 0-hop path of a node to itself. */
  public static Path trivialPath(Direction direction, Node node) {
    Direction walk = direction == Direction.BOTH ? Direction.DOWNSTREAM : direction;
    return new Path(walk, List.of(node), List.of());
  }

  /** Keeps the paths of the minimum length, in {@link Path#ORDER}, at most {@code limit}. */
  public static List<Path> shortestFirst(List<Path> paths, int limit) {
    int shortest = paths.stream().mapToInt(Path::hops).min().orElse(0);
    return paths.stream()
        .filter(path -> path.hops() == shortest)
        .sorted(Path.ORDER)
        .limit(limit)
        .toList();
  }

  private List<Path> inOneDirection(Node from, NodeKey to, Direction walk, int maxHops, int limit) {
    Map<NodeKey, Integer> distance = new HashMap<>();
    Map<NodeKey, Node> nodes = new HashMap<>();
    Map<NodeKey, List<Step>> arrivals = new HashMap<>();
    distance.put(from.key(), 0);
    nodes.put(from.key(), from);
    List<NodeKey> frontier = List.of(from.key());
    for (int hops = 0; hops < maxHops && !frontier.isEmpty() && !distance.containsKey(to); hops++) {
      List<NodeKey> next = new ArrayList<>();
      for (List<NodeKey> batch : Batches.of(frontier, source.batchSize())) {
        for (Step step : source.expand(batch, walk)) {
          NodeKey key = step.neighbour().key();
          Integer known = distance.putIfAbsent(key, hops + 1);
          if (known == null) {
            next.add(key);
            nodes.put(key, step.neighbour().as(visibility));
          }
          if (known == null || known == hops + 1) {
            arrivals.computeIfAbsent(key, unused -> new ArrayList<>()).add(step);
          }
        }
      }
      frontier = next;
    }
    if (!distance.containsKey(to)) {
      return List.of();
    }
    Map<NodeKey, List<Step>> departures = shortestPathGraph(to, arrivals);
    List<Path> paths = new ArrayList<>();
    collect(walk, from.key(), to, departures, nodes, new ArrayList<>(), paths, limit);
    return paths;
  }

  /** The steps on some shortest path to {@code to}, by the node they leave from. */
  private static Map<NodeKey, List<Step>> shortestPathGraph(
      NodeKey to, Map<NodeKey, List<Step>> arrivals) {
    Map<NodeKey, List<Step>> departures = new HashMap<>();
    Set<NodeKey> onPath = new HashSet<>(List.of(to));
    Deque<NodeKey> pending = new ArrayDeque<>(List.of(to));
    while (!pending.isEmpty()) {
      for (Step step : arrivals.getOrDefault(pending.poll(), List.of())) {
        departures.computeIfAbsent(step.origin(), unused -> new ArrayList<>()).add(step);
        if (onPath.add(step.origin())) {
          pending.add(step.origin());
        }
      }
    }
    Comparator<Step> byNeighbour = Comparator.comparing(step -> step.neighbour().key());
    departures.values().forEach(steps -> steps.sort(byNeighbour));
    return departures;
  }

  private static void collect(
      Direction walk,
      NodeKey at,
      NodeKey to,
      Map<NodeKey, List<Step>> departures,
      Map<NodeKey, Node> nodes,
      List<Step> prefix,
      List<Path> paths,
      int limit) {
    if (paths.size() == limit) {
      return;
    }
    if (at.equals(to)) {
      List<Node> pathNodes = new ArrayList<>(prefix.size() + 1);
      List<Edge> pathEdges = new ArrayList<>(prefix.size());
      pathNodes.add(nodes.get(prefix.isEmpty() ? at : prefix.get(0).origin()));
      for (Step step : prefix) {
        pathEdges.add(step.edge());
        pathNodes.add(nodes.get(step.neighbour().key()));
      }
      paths.add(new Path(walk, pathNodes, pathEdges));
      return;
    }
    for (Step step : departures.getOrDefault(at, List.of())) {
      prefix.add(step);
      collect(walk, step.neighbour().key(), to, departures, nodes, prefix, paths, limit);
      prefix.remove(prefix.size() - 1);
    }
  }
}
