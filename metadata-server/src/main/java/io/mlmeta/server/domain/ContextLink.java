package io.mlmeta.server.domain;

/** A context by id, or one found (by type and name) or created from a spec. */
public record ContextLink(Long contextId, ContextSpec spec) {}
