package io.mlmeta.graph;

import io.mlmeta.graph.model.Edge;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a traversal.
 *
 * @param nodes the page's nodes in result order (hop distance, then node key)
 * @param edges edges whose ends are both returned nodes, each delivered once: with the page that
 *     holds its later end in result order. Sorted by edge key.
 * @param truncation whether (and why) more nodes may follow
 * @param nextCursor where the next page starts; present exactly when {@code truncation} is not
 *     {@link Truncation#NONE}. Cursors are opaque and may be passed to any engine.
 * @param engine the engine that answered, see {@link LineageGraph#engine()}
 */
public record TraversalResult(
    List<TraversedNode> nodes,
    List<Edge> edges,
    Truncation truncation,
    Optional<String> nextCursor,
    String engine) {

  public TraversalResult {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    Objects.requireNonNull(truncation, "truncation");
    Objects.requireNonNull(nextCursor, "nextCursor");
    Objects.requireNonNull(engine, "engine");
    if (nextCursor.isPresent() != (truncation != Truncation.NONE)) {
      throw new IllegalArgumentException("a next cursor is present exactly when truncated");
    }
  }

  /** True when the page or the time budget ended the walk before every node was returned. */
  public boolean truncated() {
    return truncation != Truncation.NONE;
  }
}
