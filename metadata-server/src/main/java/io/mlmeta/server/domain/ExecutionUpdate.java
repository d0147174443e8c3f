package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** A change to an execution; null fields stay unchanged. See {@link ArtifactUpdate} for patches. */
public record ExecutionUpdate(
    long id,
    @Nullable ExecutionState state,
    @Nullable ObjectNode propertiesPatch,
    @Nullable String errorMessage) {}
