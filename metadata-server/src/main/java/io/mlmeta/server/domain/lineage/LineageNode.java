package io.mlmeta.server.domain.lineage;

import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.Execution;
import java.time.Instant;

/**
 * A node of the lineage graph as the store describes it: an artifact or execution with the few
 * display fields the graph keeps.
 */
public record LineageNode(
    NodeKind kind,
    long id,
    long workspaceId,
    String type,
    String state,
    String name,
    String uri,
    Instant createTime) {

  public static LineageNode of(long workspaceId, Artifact a) {
    return new LineageNode(
        NodeKind.ARTIFACT,
        a.id(),
        workspaceId,
        a.type(),
        a.state().name(),
        a.name(),
        a.uri(),
        a.createTime());
  }

  public static LineageNode of(long workspaceId, Execution e) {
    return new LineageNode(
        NodeKind.EXECUTION,
        e.id(),
        workspaceId,
        e.type(),
        e.state().name(),
        e.name(),
        null,
        e.createTime());
  }
}
