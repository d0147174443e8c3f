package io.mlmeta.sdk.lineage;

import java.util.List;

/**
 * One path between two nodes.
 *
 * @param nodes the nodes along the path, from its first to its last
 * @param edges the edges along the path
 */
public record LineagePath(List<LineageNode> nodes, List<LineageEdge> edges) {

  /** Makes the lists immutable. */
  public LineagePath {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }
}
