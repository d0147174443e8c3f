package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Narrows an execution list; null fields (and empty maps) do not filter. */
public record ExecutionFilter(
    @Nullable String type,
    @Nullable String name,
    @Nullable ExecutionState state,
    Map<String, String> labels,
    @Nullable ObjectNode propertiesContain,
    @Nullable Instant createdAfter,
    @Nullable Instant createdBefore,
    @Nullable String externalId,
    @Nullable Long contextId) {

  public static ExecutionFilter none() {
    return new ExecutionFilter(null, null, null, Map.of(), null, null, null, null, null);
  }
}
