package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A change to a context; null fields stay unchanged. See {@link ArtifactUpdate} for patches. */
public record ContextUpdate(
    long id,
    @Nullable String description,
    @Nullable ObjectNode propertiesPatch,
    List<Long> addParentContextIds) {}
