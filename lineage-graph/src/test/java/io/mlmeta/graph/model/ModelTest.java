package io.mlmeta.graph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {

  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void nodeKeysRoundTripThroughTheirCanonicalForm() {
    assertEquals("artifact:42", NodeKey.artifact(42).toString());
    assertEquals(NodeKey.execution(7), NodeKey.parse("execution:7"));
    assertThrows(IllegalArgumentException.class, () -> NodeKey.parse("context:1"));
    assertThrows(IllegalArgumentException.class, () -> NodeKey.parse("artifact:x"));
    assertThrows(IllegalArgumentException.class, () -> NodeKey.parse("artifact"));
    assertThrows(IllegalArgumentException.class, () -> NodeKey.artifact(0));
  }

  @Test
  void nodeKeysOrderArtifactsFirstThenById() {
    List<NodeKey> sorted =
        List.of(NodeKey.execution(1), NodeKey.artifact(10), NodeKey.artifact(9)).stream()
            .sorted()
            .toList();
    assertEquals(List.of(NodeKey.artifact(9), NodeKey.artifact(10), NodeKey.execution(1)), sorted);
  }

  @Test
  void edgesPointWithTheDataFlow() {
    Edge input = Edge.input(NodeKey.artifact(1), NodeKey.execution(2), T);
    assertEquals(EdgeType.INPUT, input.key().type());
    assertEquals("artifact:1->execution:2", input.key().toString());
    assertEquals(input.key(), EdgeKey.parse("artifact:1->execution:2"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Edge(NodeKey.execution(2), NodeKey.artifact(1), EdgeType.INPUT, T));
    assertThrows(
        IllegalArgumentException.class,
        () -> new EdgeKey(NodeKey.artifact(1), NodeKey.artifact(2)));
  }

  @Test
  void nodesNeedAWorkspaceTypeAndState() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Node(NodeKey.artifact(1), 0, "Dataset", "LIVE", null, null, T));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Node(NodeKey.artifact(1), 1, " ", "LIVE", null, null, T));
    assertEquals(
        NodeKind.EXECUTION,
        new Node(NodeKey.execution(1), 1, "Train", "NEW", null, null, T).kind());
  }

  @Test
  void changeSetsSplitIntoRunsOfTheSameChange() {
    Node node = new Node(NodeKey.artifact(1), 1, "Dataset", "LIVE", null, null, T);
    Node other = new Node(NodeKey.execution(2), 1, "Train", "NEW", null, null, T);
    Edge edge = Edge.input(node.key(), other.key(), T);
    ChangeSet changes =
        ChangeSet.builder()
            .upsert(node)
            .upsert(other)
            .upsert(edge)
            .delete(edge.key())
            .upsert(node)
            .build();

    List<List<GraphChange>> runs = changes.runs();
    assertEquals(4, runs.size());
    assertEquals(2, runs.get(0).size());
    assertTrue(runs.get(3).get(0) instanceof GraphChange.UpsertNode);
  }
}
