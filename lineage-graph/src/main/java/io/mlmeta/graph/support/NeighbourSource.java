package io.mlmeta.graph.support;

import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reads an engine offers so that the shared walks can run over it. */
public interface NeighbourSource {

  // Sources answer for every workspace; the walks decide what the caller may see.

  /** The nodes among {@code keys} that exist. */
  Map<NodeKey, Node> nodes(Collection<NodeKey> keys);

  /**
   * Every edge leading one hop from a node of {@code frontier} in {@code direction} ({@link
   * Direction#UPSTREAM} or {@link Direction#DOWNSTREAM}).
   */
  List<Step> expand(Collection<NodeKey> frontier, Direction direction);

  /** The edges with one end in {@code ends} and the other in {@code otherEnds}, in any order. */
  List<Edge> edgesBetween(Collection<NodeKey> ends, Set<NodeKey> otherEnds);

  /** How many frontier keys one {@link #expand} call should get. */
  int batchSize();
}
