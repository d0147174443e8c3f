package io.mlmeta.server.outbox;

import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import java.util.List;

/**
 * What one outbox row carries: nodes of one workspace to upsert, then edges its executions recorded
 * (an input may be another workspace's artifact, upserted by an earlier row), in lineage-graph's
 * own model so consumers apply it without translation.
 */
public record LineageChanges(long workspaceId, List<Node> nodes, List<Edge> edges) {

  public LineageChanges {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** Nodes plus edges: the unit the projector sizes its batches in. */
  public int size() {
    return nodes.size() + edges.size();
  }
}
