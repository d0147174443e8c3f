package io.mlmeta.server.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the change log: rows of {@code entity} (a table: artifact, execution, event,
 * workspace_grant ...) that one statement created, updated or deleted in one workspace, by whom and
 * in which request, with SHA-256 digests (hex) of those rows before and after, and the entry's
 * position in the hash chain once chained.
 */
public record ChangeRecord(
    long sequence,
    Instant recordedAt,
    @Nullable String principal,
    @Nullable String requestId,
    String operation,
    String entity,
    List<String> entityKeys,
    @Nullable Long workspaceId,
    @Nullable String oldDigest,
    @Nullable String newDigest,
    @Nullable Long chainPosition) {}
