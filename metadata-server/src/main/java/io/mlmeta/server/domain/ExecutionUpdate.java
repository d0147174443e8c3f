package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A change to an execution; null fields stay unchanged. See {@link ArtifactUpdate} for patches. */
public record ExecutionUpdate(
    long id, ExecutionState state, ObjectNode propertiesPatch, String errorMessage) {}
