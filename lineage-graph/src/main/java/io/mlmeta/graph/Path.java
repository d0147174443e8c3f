package io.mlmeta.graph;

import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A walk from one node to another, following every edge in the same {@code direction}.
 *
 * @param direction {@link Direction#DOWNSTREAM} or {@link Direction#UPSTREAM}
 * @param nodes the nodes in walk order, from the first to the last
 * @param edges {@code edges.get(i)} joins {@code nodes.get(i)} and {@code nodes.get(i + 1)}; each
 *     edge keeps its data-flow orientation
 */
public record Path(Direction direction, List<Node> nodes, List<Edge> edges) {

  /** Order among paths of equal length: node keys compared one by one, then the direction. */
  public static final Comparator<Path> ORDER =
      Comparator.comparingInt(Path::hops)
          .thenComparing(Path::compareNodeKeys)
          .thenComparing(Path::direction);

  public Path {
    Objects.requireNonNull(direction, "direction");
    if (direction == Direction.BOTH) {
      throw new IllegalArgumentException("a path runs UPSTREAM or DOWNSTREAM");
    }
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    if (nodes.isEmpty() || edges.size() != nodes.size() - 1) {
      throw new IllegalArgumentException("a path of n nodes has n - 1 edges");
    }
  }

  /** The number of edges. */
  public int hops() {
    return edges.size();
  }

  public List<NodeKey> nodeKeys() {
    return nodes.stream().map(Node::key).toList();
  }

  private static int compareNodeKeys(Path left, Path right) {
    for (int i = 0; i < Math.min(left.nodes.size(), right.nodes.size()); i++) {
      int order = left.nodes.get(i).key().compareTo(right.nodes.get(i).key());
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.nodes.size(), right.nodes.size());
  }
}
