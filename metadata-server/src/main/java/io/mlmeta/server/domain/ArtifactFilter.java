package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Narrows an artifact list; null fields (and empty maps) do not filter. */
public record ArtifactFilter(
    @Nullable String type,
    @Nullable String name,
    @Nullable String uri,
    @Nullable String version,
    @Nullable ArtifactState state,
    Map<String, String> labels,
    @Nullable ObjectNode propertiesContain,
    @Nullable Instant createdAfter,
    @Nullable Instant createdBefore,
    @Nullable String externalId,
    @Nullable Long contextId,
    List<PropertyRange> ranges) {

  public ArtifactFilter {
    ranges = ranges == null ? List.of() : List.copyOf(ranges);
  }

  public static ArtifactFilter none() {
    return new ArtifactFilter(
        null, null, null, null, null, Map.of(), null, null, null, null, null, List.of());
  }
}
