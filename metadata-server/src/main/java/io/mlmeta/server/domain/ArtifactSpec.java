package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** What a client writes for a new artifact. A null state means LIVE. */
public record ArtifactSpec(
    String type,
    @Nullable String externalId,
    @Nullable ObjectNode properties,
    @Nullable ArtifactState state,
    @Nullable String digest) {}
