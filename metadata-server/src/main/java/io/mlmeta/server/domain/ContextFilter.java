package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/** Narrows a context list; null fields (and empty maps) do not filter. */
public record ContextFilter(
    String type,
    String name,
    Map<String, String> labels,
    ObjectNode propertiesContain,
    Instant createdAfter,
    Instant createdBefore,
    String externalId,
    Long parentContextId) {

  public static ContextFilter none() {
    return new ContextFilter(null, null, Map.of(), null, null, null, null, null);
  }
}
