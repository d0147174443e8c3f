package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a client writes for a new artifact. A null state means LIVE. */
public record ArtifactSpec(
    String type, String externalId, ObjectNode properties, ArtifactState state, String digest) {}
