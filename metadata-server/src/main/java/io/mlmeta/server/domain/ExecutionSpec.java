package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a client writes for a new execution. A null state means NEW. */
public record ExecutionSpec(
    String type,
    @Nullable String externalId,
    String name,
    @Nullable String description,
    Map<String, String> labels,
    @Nullable ExecutionState state,
    @Nullable ObjectNode properties,
    @Nullable String errorMessage) {}
