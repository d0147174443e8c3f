package io.mlmeta.sdk.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every field the server stores for a context (a {@code Run}, an {@code Experiment} or a custom
 * type), as read back.
 *
 * @param id server-assigned id
 * @param workspace workspace name
 * @param type type name, for example {@code Run}
 * @param externalId idempotency key, or null
 * @param name the name
 * @param description the description, or null
 * @param labels string labels, never null
 * @param properties the properties document, never null
 * @param parentContextIds ids of parent contexts (a run's experiment), never null
 * @param createTime when it was created
 * @param updateTime when it last changed
 */
public record ContextDetails(
    long id,
    String workspace,
    String type,
    @Nullable String externalId,
    String name,
    @Nullable String description,
    Map<String, String> labels,
    Map<String, Object> properties,
    List<Long> parentContextIds,
    @Nullable Instant createTime,
    @Nullable Instant updateTime) {

  /** Makes the collections immutable. */
  public ContextDetails {
    labels = Values.labels(labels);
    properties = Values.document(properties);
    parentContextIds = List.copyOf(parentContextIds);
  }
}
