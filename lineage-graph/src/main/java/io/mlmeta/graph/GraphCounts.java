package io.mlmeta.graph;

import io.mlmeta.graph.model.EdgeType;
import io.mlmeta.graph.model.NodeKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Node and edge counts, for consistency checks between engines.
 *
 * @param nodesByKindAndType for every kind, the node count per type name (types with no nodes are
 *     absent)
 * @param edgesByType the edge count for every edge type (zero included)
 */
public record GraphCounts(
    Map<NodeKind, Map<String, Long>> nodesByKindAndType, Map<EdgeType, Long> edgesByType) {

  public GraphCounts {
    Map<NodeKind, Map<String, Long>> nodes = new EnumMap<>(NodeKind.class);
    for (NodeKind kind : NodeKind.values()) {
      Map<String, Long> byType = new TreeMap<>();
      nodesByKindAndType
          .getOrDefault(kind, Map.of())
          .forEach(
              (type, count) -> {
                if (count > 0) {
                  byType.put(type, count);
                }
              });
      nodes.put(kind, Collections.unmodifiableMap(byType));
    }
    nodesByKindAndType = Collections.unmodifiableMap(nodes);
    Map<EdgeType, Long> edges = new EnumMap<>(EdgeType.class);
    for (EdgeType type : EdgeType.values()) {
      edges.put(type, edgesByType.getOrDefault(type, 0L));
    }
    edgesByType = Collections.unmodifiableMap(edges);
  }

  public long nodes() {
    return nodesByKindAndType.values().stream()
        .flatMap(byType -> byType.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  public long nodes(NodeKind kind) {
    return nodesByKindAndType.getOrDefault(kind, Map.of()).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  public long edges() {
    return edgesByType.values().stream().mapToLong(Long::longValue).sum();
  }

  public long edges(EdgeType type) {
    return edgesByType.getOrDefault(type, 0L);
  }
}
