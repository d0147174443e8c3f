package io.mlmeta.sdk.model;

import io.mlmeta.sdk.lineage.EdgeType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * That an execution read or wrote an artifact.
 *
 * @param artifactId the artifact
 * @param executionId the execution
 * @param type {@code INPUT} (read) or {@code OUTPUT} (written)
 * @param time when it was recorded
 */
public record Event(long artifactId, long executionId, EdgeType type, @Nullable Instant time) {}
