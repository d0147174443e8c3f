package io.mlmeta.server.lineage;

import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.server.domain.EventType;
import io.mlmeta.server.domain.lineage.LineageEdge;
import io.mlmeta.server.domain.lineage.LineageNode;
import io.mlmeta.server.domain.lineage.NodeKind;
import io.mlmeta.server.store.OutboxStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns outbox entries into one graph change set. */
final class OutboxChanges {

  private OutboxChanges() {}

  /**
   * All node upserts first (the last state of each node wins, as entries are in commit order), then
   * all edge upserts: two batches per poll instead of two per entry, and every edge finds both of
   * its ends.
   */
  static ChangeSet toChangeSet(List<OutboxStore.Entry> entries) {
    Map<NodeKey, Node> nodes = new LinkedHashMap<>();
    Map<Object, Edge> edges = new LinkedHashMap<>();
    for (OutboxStore.Entry entry : entries) {
      for (LineageNode node : entry.changes().nodes()) {
        Node graphNode = node(node);
        nodes.remove(graphNode.key());
        nodes.put(graphNode.key(), graphNode);
      }
      for (LineageEdge edge : entry.changes().edges()) {
        Edge graphEdge = edge(edge);
        edges.putIfAbsent(graphEdge.key(), graphEdge);
      }
    }
    return ChangeSet.builder().upsertNodes(nodes.values()).upsertEdges(edges.values()).build();
  }

  static Node node(LineageNode node) {
    NodeKey key =
        node.kind() == NodeKind.ARTIFACT
            ? NodeKey.artifact(node.id())
            : NodeKey.execution(node.id());
    return new Node(
        key,
        node.workspaceId(),
        node.type(),
        node.state(),
        node.name(),
        node.uri(),
        node.createTime());
  }

  static Edge edge(LineageEdge edge) {
    NodeKey artifact = NodeKey.artifact(edge.artifactId());
    NodeKey execution = NodeKey.execution(edge.executionId());
    return edge.type() == EventType.INPUT
        ? Edge.input(artifact, execution, edge.time())
        : Edge.output(execution, artifact, edge.time());
  }
}
