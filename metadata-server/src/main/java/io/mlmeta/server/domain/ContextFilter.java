package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Narrows a context list; null fields (and empty maps) do not filter. */
public record ContextFilter(
    @Nullable String type,
    @Nullable String name,
    Map<String, String> labels,
    @Nullable ObjectNode propertiesContain,
    @Nullable Instant createdAfter,
    @Nullable Instant createdBefore,
    @Nullable String externalId,
    @Nullable Long parentContextId) {

  public static ContextFilter none() {
    return new ContextFilter(null, null, Map.of(), null, null, null, null, null);
  }
}
