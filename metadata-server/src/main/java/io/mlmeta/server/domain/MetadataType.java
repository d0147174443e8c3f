package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An artifact, execution or context type. Instances' properties are validated against {@code
 * propertiesSchema} (JSON Schema draft 2020-12).
 */
public record MetadataType(
    long id,
    TypeKind kind,
    String name,
    int version,
    String description,
    ObjectNode propertiesSchema,
    boolean builtin,
    Instant createTime,
    Instant updateTime) {}
