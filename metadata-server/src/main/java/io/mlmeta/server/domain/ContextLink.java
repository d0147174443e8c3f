package io.mlmeta.server.domain;

import org.jspecify.annotations.Nullable;

/** A context by id, or one found (by type and name) or created from a spec. */
public record ContextLink(@Nullable Long contextId, @Nullable ContextSpec spec) {}
