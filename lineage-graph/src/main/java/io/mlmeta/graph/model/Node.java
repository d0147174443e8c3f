package io.mlmeta.graph.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A node of the lineage graph: an artifact or an execution with the few fields that lineage queries
 * filter on or display. The metadata store keeps the full entity.
 *
 * @param key the stable identity; its kind is the node's kind
 * @param workspaceId the workspace (tenant) the node belongs to
 * @param typeName the name of the node's metadata type, for example {@code Dataset} or {@code
 *     Train}
 * @param state the entity state, for example {@code LIVE} or {@code COMPLETE}
 * @param name display name, or {@code null}
 * @param uri artifact location, or {@code null} (executions have none)
 * @param createTime when the entity was created
 */
public record Node(
    NodeKey key,
    long workspaceId,
    String typeName,
    String state,
    @Nullable String name,
    @Nullable String uri,
    Instant createTime) {

  public Node {
    Objects.requireNonNull(key, "key");
    if (workspaceId <= 0) {
      throw new IllegalArgumentException("workspace id must be positive: " + workspaceId);
    }
    requireText(typeName, "typeName");
    requireText(state, "state");
    Objects.requireNonNull(createTime, "createTime");
  }

  public NodeKind kind() {
    return key.kind();
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }
}
