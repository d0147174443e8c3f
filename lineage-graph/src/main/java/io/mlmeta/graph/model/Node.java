package io.mlmeta.graph.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A node of the lineage graph: an artifact or an execution with the few fields that lineage queries
 * filter on or display. The metadata store keeps the full entity.
 *
 * <p>A walk that reaches a node in a workspace its caller cannot read returns a {@linkplain
 * #redacted(NodeKey) redacted} stand-in instead: only its key, and so its kind, is known; the
 * workspace is 0, the type name and state are empty, name and uri are null and the create time is
 * the epoch. Filters see the stand-in too, so a filter on type or state never matches it.
 *
 * @param key the stable identity; its kind is the node's kind
 * @param workspaceId the workspace (tenant) the node belongs to
 * @param typeName the name of the node's metadata type, for example {@code Dataset} or {@code
 *     Train}
 * @param state the entity state, for example {@code LIVE} or {@code COMPLETE}
 * @param name display name, or {@code null}
 * @param uri artifact location, or {@code null} (executions have none)
 * @param createTime when the entity was created
 * @param redacted whether this is the stand-in for a node the caller cannot read
 */
public record Node(
    NodeKey key,
    long workspaceId,
    String typeName,
    String state,
    @Nullable String name,
    @Nullable String uri,
    Instant createTime,
    boolean redacted) {

  public Node {
    Objects.requireNonNull(key, "key");
    if (redacted) {
      if (workspaceId != 0
          || !typeName.isEmpty()
          || !state.isEmpty()
          || name != null
          || uri != null
          || !createTime.equals(Instant.EPOCH)) {
        throw new IllegalArgumentException("a redacted node carries nothing but its key");
      }
    } else {
      if (workspaceId <= 0) {
        throw new IllegalArgumentException("workspace id must be positive: " + workspaceId);
      }
      requireText(typeName, "typeName");
      requireText(state, "state");
      Objects.requireNonNull(createTime, "createTime");
    }
  }

  /** A readable node. */
  public Node(
      NodeKey key,
      long workspaceId,
      String typeName,
      String state,
      @Nullable String name,
      @Nullable String uri,
      Instant createTime) {
    this(key, workspaceId, typeName, state, name, uri, createTime, false);
  }

  /** The stand-in for a node whose workspace the caller cannot read. */
  public static Node redacted(NodeKey key) {
    return new Node(key, 0, "", "", null, null, Instant.EPOCH, true);
  }

  /** This node, or its redacted stand-in when {@code visibility} does not include its workspace. */
  public Node as(Visibility visibility) {
    return redacted || visibility.includes(workspaceId) ? this : redacted(key);
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
