package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Narrows an artifact list; null fields (and empty maps) do not filter. */
public record ArtifactFilter(
    String type,
    String name,
    String uri,
    String version,
    ArtifactState state,
    Map<String, String> labels,
    ObjectNode propertiesContain,
    Instant createdAfter,
    Instant createdBefore,
    String externalId,
    Long contextId,
    List<PropertyRange> ranges) {

  public ArtifactFilter {
    ranges = ranges == null ? List.of() : List.copyOf(ranges);
  }

  public static ArtifactFilter none() {
    return new ArtifactFilter(
        null, null, null, null, null, Map.of(), null, null, null, null, null, List.of());
  }
}
