package io.mlmeta.server.domain.lineage;

import java.util.List;

/** What one transaction changed in the lineage graph: nodes to upsert, then edges to upsert. */
public record LineageChanges(long workspaceId, List<LineageNode> nodes, List<LineageEdge> edges) {

  public LineageChanges {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }
}
