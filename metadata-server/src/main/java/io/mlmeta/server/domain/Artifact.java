package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A data set, model, metrics file or any other typed artifact. Every field of its type (uri, name,
 * version, ...) lives in {@code properties}.
 */
public record Artifact(
    long id,
    String workspace,
    String type,
    @Nullable String externalId,
    ArtifactState state,
    ObjectNode properties,
    @Nullable String digest,
    Instant createTime,
    Instant updateTime) {

  public @Nullable String uri() {
    return text("uri");
  }

  public @Nullable String name() {
    return text("name");
  }

  public @Nullable String version() {
    return text("version");
  }

  private @Nullable String text(String field) {
    JsonNode value = properties.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
