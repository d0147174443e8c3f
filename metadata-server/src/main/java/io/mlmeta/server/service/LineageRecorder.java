package io.mlmeta.server.service;

import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.lineage.LineageChanges;
import io.mlmeta.server.domain.lineage.LineageEdge;
import io.mlmeta.server.domain.lineage.LineageNode;
import io.mlmeta.server.store.OutboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Appends what a write changed in the lineage graph to the outbox, inside the write's own
 * transaction: the mirror then sees exactly the committed writes, in commit order.
 */
@ApplicationScoped
class LineageRecorder {

  private final OutboxStore outbox;

  LineageRecorder(OutboxStore outbox) {
    this.outbox = outbox;
  }

  long record(long workspaceId, List<LineageNode> nodes, List<LineageEdge> edges) {
    return outbox.append(new LineageChanges(workspaceId, nodes, edges));
  }

  /** Appends several changes in order, in one statement; returns the position of the last. */
  long recordAll(List<LineageChanges> changes) {
    return outbox.appendAll(changes);
  }

  long artifact(long workspaceId, Artifact artifact) {
    return record(workspaceId, List.of(LineageNode.of(workspaceId, artifact)), List.of());
  }

  long execution(long workspaceId, Execution execution) {
    return record(workspaceId, List.of(LineageNode.of(workspaceId, execution)), List.of());
  }

  /** The position a read must wait for to see everything committed so far. */
  long latestPosition() {
    return outbox.positions().latest();
  }
}
