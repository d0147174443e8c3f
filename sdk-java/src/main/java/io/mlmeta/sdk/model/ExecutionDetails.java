package io.mlmeta.sdk.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every field the server stores for an execution of any type, as read back.
 *
 * @param id server-assigned id
 * @param workspace workspace name
 * @param type type name, for example {@code Train} or {@code Deploy}
 * @param externalId idempotency key, or null
 * @param name the name
 * @param description the description, or null
 * @param labels string labels, never null
 * @param state the state, or null when unspecified
 * @param properties the properties (parameters) document, never null
 * @param errorMessage why it failed, or null
 * @param startTime when it started running, or null
 * @param endTime when it reached a terminal state, or null
 * @param createTime when it was recorded
 * @param updateTime when it last changed
 */
public record ExecutionDetails(
    long id,
    String workspace,
    String type,
    @Nullable String externalId,
    String name,
    @Nullable String description,
    Map<String, String> labels,
    @Nullable ExecutionState state,
    Map<String, Object> properties,
    @Nullable String errorMessage,
    @Nullable Instant startTime,
    @Nullable Instant endTime,
    @Nullable Instant createTime,
    @Nullable Instant updateTime) {

  /** Makes the maps immutable. */
  public ExecutionDetails {
    labels = Values.labels(labels);
    properties = Values.document(properties);
  }

  /** The {@code owner} property, or null. */
  public @Nullable String owner() {
    Object owner = properties.get("owner");
    return owner == null ? null : owner.toString();
  }
}
