package io.mlmeta.server.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.server.domain.lineage.LineageChanges;
import io.mlmeta.server.domain.lineage.LineageNode;
import io.mlmeta.server.domain.lineage.NodeKind;
import io.mlmeta.server.store.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProjectorGroupsTest {

  private static OutboxStore.Entry entry(long position, int nodes) {
    List<LineageNode> changes = new ArrayList<>();
    IntStream.range(0, nodes)
        .forEach(
            i ->
                changes.add(
                    new LineageNode(
                        NodeKind.ARTIFACT,
                        position * 100 + i + 1,
                        1,
                        "Dataset",
                        "LIVE",
                        "d",
                        null,
                        Instant.EPOCH)));
    return new OutboxStore.Entry(
        position, new LineageChanges(1, changes, List.of()), Instant.EPOCH);
  }

  @Test
  void groupsStayUnderTheChangeLimitAndKeepOrder() {
    List<OutboxStore.Entry> entries =
        List.of(entry(1, 3), entry(2, 3), entry(3, 3), entry(4, 10), entry(5, 1));
    List<List<OutboxStore.Entry>> groups = LineageProjector.groups(entries, 6);
    assertThat(groups)
        .extracting(group -> group.stream().map(OutboxStore.Entry::position).toList())
        .containsExactly(List.of(1L, 2L), List.of(3L), List.of(4L), List.of(5L));
  }
}
