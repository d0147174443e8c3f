package io.mlmeta.server.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.GraphChange;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxBatchTest {

  private static Node dataset(long id, String state) {
    return new Node(NodeKey.artifact(id), 1, "Dataset", state, "d", null, Instant.EPOCH);
  }

  private static OutboxStore.Entry entry(long position, int nodes) {
    List<Node> changes = new ArrayList<>();
    IntStream.range(0, nodes).forEach(i -> changes.add(dataset(position * 100 + i + 1, "LIVE")));
    return new OutboxStore.Entry(
        position, new LineageChanges(1, changes, List.of()), Instant.EPOCH);
  }

  @Test
  void partsStayUnderTheChangeLimitAndKeepOrder() {
    OutboxBatch batch =
        new OutboxBatch(List.of(entry(1, 3), entry(2, 3), entry(3, 3), entry(4, 10), entry(5, 1)));
    assertThat(batch.split(6))
        .extracting(part -> part.entries().stream().map(OutboxStore.Entry::position).toList())
        .containsExactly(List.of(1L, 2L), List.of(3L), List.of(4L), List.of(5L));
    assertThat(batch.lastPosition()).isEqualTo(5);
  }

  @Test
  void aChangeSetPutsEveryNodeBeforeAnyEdgeAndKeepsEachNodesLastState() {
    Node execution =
        new Node(NodeKey.execution(9), 1, "Train", "RUNNING", null, null, Instant.EPOCH);
    Node finished =
        new Node(NodeKey.execution(9), 1, "Train", "COMPLETE", null, null, Instant.EPOCH);
    Edge read = Edge.input(NodeKey.artifact(1), execution.key(), Instant.EPOCH);
    OutboxBatch batch =
        new OutboxBatch(
            List.of(
                new OutboxStore.Entry(
                    1,
                    new LineageChanges(1, List.of(dataset(1, "LIVE"), execution), List.of(read)),
                    Instant.EPOCH),
                new OutboxStore.Entry(
                    2, new LineageChanges(1, List.of(finished), List.of(read)), Instant.EPOCH)));
    ChangeSet changes = batch.changeSet();
    assertThat(changes.changes())
        .containsExactly(
            new GraphChange.UpsertNode(dataset(1, "LIVE")),
            new GraphChange.UpsertNode(finished),
            new GraphChange.UpsertEdge(read));
  }
}
