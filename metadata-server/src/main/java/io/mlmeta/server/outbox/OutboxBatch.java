package io.mlmeta.server.outbox;

import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Consecutive outbox rows read together, in commit order. */
public record OutboxBatch(List<OutboxStore.Entry> entries) {

  public OutboxBatch {
    entries = List.copyOf(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public int size() {
    return entries.size();
  }

  /** The position of the last row; a consumer that applied the batch has read up to it. */
  public long lastPosition() {
    if (entries.isEmpty()) {
      throw new IllegalStateException("an empty batch has no last position");
    }
    return entries.get(entries.size() - 1).position();
  }

  /**
   * The rows as one change set: all node upserts first (the last state of each node wins, as rows
   * are in commit order), then all edge upserts, so an engine writes two batches per read instead
   * of two per row and every edge finds both of its ends.
   */
  public ChangeSet changeSet() {
    Map<NodeKey, Node> nodes = new LinkedHashMap<>();
    Map<Object, Edge> edges = new LinkedHashMap<>();
    for (OutboxStore.Entry entry : entries) {
      for (Node node : entry.changes().nodes()) {
        nodes.remove(node.key());
        nodes.put(node.key(), node);
      }
      for (Edge edge : entry.changes().edges()) {
        edges.putIfAbsent(edge.key(), edge);
      }
    }
    return ChangeSet.builder().upsertNodes(nodes.values()).upsertEdges(edges.values()).build();
  }

  /**
   * Splits the batch into consecutive parts of at most {@code maxChanges} nodes and edges each (a
   * row larger than that is a part of its own), so a consumer can checkpoint between parts.
   */
  public List<OutboxBatch> split(int maxChanges) {
    List<OutboxBatch> parts = new ArrayList<>();
    List<OutboxStore.Entry> current = new ArrayList<>();
    int changes = 0;
    for (OutboxStore.Entry entry : entries) {
      int size = entry.changes().size();
      if (!current.isEmpty() && changes + size > maxChanges) {
        parts.add(new OutboxBatch(current));
        current = new ArrayList<>();
        changes = 0;
      }
      current.add(entry);
      changes += size;
    }
    if (!current.isEmpty()) {
      parts.add(new OutboxBatch(current));
    }
    return parts;
  }
}
