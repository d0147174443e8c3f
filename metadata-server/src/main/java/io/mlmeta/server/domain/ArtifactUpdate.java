package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * A change to an artifact. Null fields stay unchanged; top-level keys of {@code propertiesPatch}
 * are merged and a JSON null removes a key.
 */
public record ArtifactUpdate(
    long id,
    @Nullable ArtifactState state,
    @Nullable ObjectNode propertiesPatch,
    @Nullable String digest) {}
