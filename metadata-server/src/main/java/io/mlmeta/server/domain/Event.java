package io.mlmeta.server.domain;

import java.time.Instant;

/** An execution read (INPUT) or wrote (OUTPUT) an artifact. */
public record Event(long artifactId, long executionId, EventType type, Instant time) {}
