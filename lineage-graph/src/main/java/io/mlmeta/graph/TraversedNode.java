package io.mlmeta.graph;

import io.mlmeta.graph.model.Node;
import java.util.Comparator;
import java.util.Objects;

/**
 * A node a traversal reached, with its hop distance: the fewest edges between it and a start node
 * along the walk (start nodes are at 0).
 */
public record TraversedNode(Node node, int hops) {

  /** Result order: by hop distance, then by node key. */
  public static final Comparator<TraversedNode> RESULT_ORDER =
      Comparator.comparingInt(TraversedNode::hops).thenComparing(reached -> reached.node().key());

  public TraversedNode {
    Objects.requireNonNull(node, "node");
    if (hops < 0) {
      throw new IllegalArgumentException("hops must not be negative: " + hops);
    }
  }
}
