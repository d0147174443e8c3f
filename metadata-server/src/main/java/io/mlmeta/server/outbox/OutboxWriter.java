package io.mlmeta.server.outbox;

import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.Execution;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends what a write changed in the lineage graph to the outbox, inside the write's own
 * transaction: consumers then see exactly the committed writes, in commit order. Every append
 * returns the position a read must wait for to see the write.
 */
@ApplicationScoped
public class OutboxWriter {

  /** Rows stay small enough for consumers to read many at once. */
  static final int CHANGES_PER_ROW = 1_000;

  private final OutboxStore store;

  OutboxWriter(OutboxStore store) {
    this.store = store;
  }

  /** Records a created or updated artifact. */
  public long artifact(long workspaceId, Artifact artifact) {
    return store.append(
        new LineageChanges(workspaceId, List.of(node(workspaceId, artifact)), List.of()));
  }

  /** Records a created or updated execution. */
  public long execution(long workspaceId, Execution execution) {
    return store.append(
        new LineageChanges(workspaceId, List.of(node(workspaceId, execution)), List.of()));
  }

  /** The position a read must wait for to see everything committed so far. */
  public long latestPosition() {
    return store.positions().latest();
  }

  /** Collects one write's changes, to append them together when the write's rows are in. */
  public Pending pending() {
    return new Pending();
  }

  /** One write's lineage changes, grouped per workspace, in the order they were added. */
  public final class Pending {
    private final Map<Long, List<Node>> nodes = new LinkedHashMap<>();
    private final Map<Long, List<Edge>> edges = new LinkedHashMap<>();

    private Pending() {}

    /** An execution with its inputs and outputs as nodes, and one edge per event. */
    public void execution(
        long workspaceId,
        Execution execution,
        List<Artifact> inputs,
        List<Artifact> outputs,
        Instant time) {
      List<Node> newNodes = nodes.computeIfAbsent(workspaceId, id -> new ArrayList<>());
      List<Edge> newEdges = edges.computeIfAbsent(workspaceId, id -> new ArrayList<>());
      newNodes.add(node(workspaceId, execution));
      // An input of another team's workspace already stands in the graph, as a node of that
      // workspace: it was recorded when it was written, at an earlier position.
      inputs.stream()
          .filter(a -> a.workspace().equals(execution.workspace()))
          .forEach(a -> newNodes.add(node(workspaceId, a)));
      outputs.forEach(a -> newNodes.add(node(workspaceId, a)));
      NodeKey run = NodeKey.execution(execution.id());
      inputs.forEach(a -> newEdges.add(Edge.input(NodeKey.artifact(a.id()), run, time)));
      outputs.forEach(a -> newEdges.add(Edge.output(run, NodeKey.artifact(a.id()), time)));
    }

    /**
     * Appends one row per workspace, nodes and edges together: the shape of a single call, which a
     * consumer applies in one step.
     */
    public long appendAsOneRowPerWorkspace() {
      List<LineageChanges> rows = new ArrayList<>();
      nodes.forEach(
          (workspaceId, n) ->
              rows.add(
                  new LineageChanges(workspaceId, n, edges.getOrDefault(workspaceId, List.of()))));
      return rows.isEmpty() ? latestPosition() : store.appendAll(rows);
    }

    /**
     * Appends a batch's changes in rows of at most {@link #CHANGES_PER_ROW}: a workspace's nodes
     * first, then its edges in later positions, so a consumer always meets both ends of an edge.
     */
    public long appendChunked() {
      List<LineageChanges> rows = new ArrayList<>();
      for (Map.Entry<Long, List<Node>> entry : nodes.entrySet()) {
        long workspaceId = entry.getKey();
        for (List<Node> chunk : chunks(entry.getValue())) {
          rows.add(new LineageChanges(workspaceId, chunk, List.of()));
        }
        for (List<Edge> chunk : chunks(edges.getOrDefault(workspaceId, List.of()))) {
          rows.add(new LineageChanges(workspaceId, List.of(), chunk));
        }
      }
      return rows.isEmpty() ? latestPosition() : store.appendAll(rows);
    }
  }

  private static <T> List<List<T>> chunks(List<T> items) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += CHANGES_PER_ROW) {
      chunks.add(items.subList(i, Math.min(i + CHANGES_PER_ROW, items.size())));
    }
    return chunks;
  }

  static Node node(long workspaceId, Artifact artifact) {
    return new Node(
        NodeKey.artifact(artifact.id()),
        workspaceId,
        artifact.type(),
        artifact.state().name(),
        artifact.name(),
        artifact.uri(),
        artifact.createTime());
  }

  static Node node(long workspaceId, Execution execution) {
    return new Node(
        NodeKey.execution(execution.id()),
        workspaceId,
        execution.type(),
        execution.state().name(),
        execution.name(),
        null,
        execution.createTime());
  }
}
