package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A change to an artifact. Null fields stay unchanged; top-level keys of {@code propertiesPatch}
 * are merged and a JSON null removes a key.
 */
public record ArtifactUpdate(
    long id, ArtifactState state, ObjectNode propertiesPatch, String digest) {}
