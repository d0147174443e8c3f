package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A change to a context; null fields stay unchanged. See {@link ArtifactUpdate} for patches. */
public record ContextUpdate(
    long id, String description, ObjectNode propertiesPatch, List<Long> addParentContextIds) {}
