package io.mlmeta.sdk.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A registered artifact, execution or context type.
 *
 * @param kind what the type describes
 * @param name the type name, unique per kind
 * @param version the schema version, raised by each compatible change
 * @param description the description, or null
 * @param propertiesSchema the JSON Schema of the properties, never null
 * @param builtin whether the server ships it
 * @param createTime when it was registered
 * @param updateTime when it last changed
 */
public record MetadataType(
    @Nullable TypeKind kind,
    String name,
    int version,
    @Nullable String description,
    Map<String, Object> propertiesSchema,
    boolean builtin,
    @Nullable Instant createTime,
    @Nullable Instant updateTime) {

  /** Makes the schema immutable. */
  public MetadataType {
    propertiesSchema = Values.document(propertiesSchema);
  }
}
