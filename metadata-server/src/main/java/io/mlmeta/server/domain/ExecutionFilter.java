package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/** Narrows an execution list; null fields (and empty maps) do not filter. */
public record ExecutionFilter(
    String type,
    String name,
    ExecutionState state,
    Map<String, String> labels,
    ObjectNode propertiesContain,
    Instant createdAfter,
    Instant createdBefore,
    String externalId,
    Long contextId) {

  public static ExecutionFilter none() {
    return new ExecutionFilter(null, null, null, Map.of(), null, null, null, null, null);
  }
}
