package io.mlmeta.server.domain.lineage;

import io.mlmeta.server.domain.EventType;
import java.time.Instant;

/** An event as a lineage edge: INPUT runs artifact to execution, OUTPUT execution to artifact. */
public record LineageEdge(long artifactId, long executionId, EventType type, Instant time) {}
