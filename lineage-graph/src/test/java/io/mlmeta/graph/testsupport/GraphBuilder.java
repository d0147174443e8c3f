package io.mlmeta.graph.testsupport;

import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.NodeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small named test graphs: {@code artifact("dataset", "Dataset")}, {@code execution("train",
 * "Train")}, {@code read(dataset, train)}, {@code wrote(train, model)}. Ids increase in creation
 * order, so result order (hops, then artifacts before executions, then id) is easy to predict.
 * Times are whole microseconds, which every engine stores exactly.
 */
public final class GraphBuilder {

  public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00.123456Z");
  public static final String LIVE = "LIVE";
  public static final String COMPLETE = "COMPLETE";

  private final Map<String, Node> nodesByName = new LinkedHashMap<>();
  private final Map<NodeKey, String> namesByKey = new HashMap<>();
  private final List<Edge> edges = new ArrayList<>();
  private long workspaceId = 1;
  private long nextId = 1;
  private long tick;

  /** Nodes created from now on belong to this workspace. */
  public GraphBuilder inWorkspace(long workspaceId) {
    this.workspaceId = workspaceId;
    return this;
  }

  public NodeKey artifact(String name, String typeName) {
    return artifact(name, typeName, LIVE);
  }

  public NodeKey artifact(String name, String typeName, String state) {
    return add(NodeKey.artifact(nextId++), name, typeName, state, "s3://bucket/" + name);
  }

  public NodeKey execution(String name, String typeName) {
    return execution(name, typeName, COMPLETE);
  }

  public NodeKey execution(String name, String typeName, String state) {
    return add(NodeKey.execution(nextId++), name, typeName, state, null);
  }

  /** An INPUT event: {@code execution} read {@code artifact}. */
  public GraphBuilder read(NodeKey artifact, NodeKey execution) {
    edges.add(Edge.input(artifact, execution, nextTime()));
    return this;
  }

  /** An OUTPUT event: {@code execution} wrote {@code artifact}. */
  public GraphBuilder wrote(NodeKey execution, NodeKey artifact) {
    edges.add(Edge.output(execution, artifact, nextTime()));
    return this;
  }

  public NodeKey key(String name) {
    Node node = nodesByName.get(name);
    if (node == null) {
      throw new IllegalArgumentException("no node named " + name);
    }
    return node.key();
  }

  public Node node(String name) {
    return nodesByName.get(name);
  }

  public String name(NodeKey key) {
    return namesByKey.getOrDefault(key, key.toString());
  }

  public List<Node> nodes() {
    return List.copyOf(nodesByName.values());
  }

  public List<Edge> edges() {
    return List.copyOf(edges);
  }

  /** Every node, then every edge. */
  public ChangeSet changes() {
    return ChangeSet.builder().upsertNodes(nodes()).upsertEdges(edges).build();
  }

  private NodeKey add(NodeKey key, String name, String typeName, String state, String uri) {
    if (nodesByName.containsKey(name)) {
      throw new IllegalArgumentException("duplicate node name " + name);
    }
    Node node =
        new Node(
            key,
            workspaceId,
            typeName,
            state,
            name,
            key.kind() == NodeKind.ARTIFACT ? uri : null,
            nextTime());
    nodesByName.put(name, node);
    namesByKey.put(key, name);
    return key;
  }

  private Instant nextTime() {
    return EPOCH.plusSeconds(tick++);
  }
}
