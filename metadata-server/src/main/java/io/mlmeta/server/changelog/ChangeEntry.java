package io.mlmeta.server.changelog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One change-log row, as the chain hashes it: {@code entityKeys} is PostgreSQL's text form of the
 * key array ({@code {41,42}}).
 */
record ChangeEntry(
    long sequence,
    Instant recordedAt,
    String transactionId,
    @Nullable String principal,
    @Nullable String requestId,
    String operation,
    String entity,
    String entityKeys,
    @Nullable Long workspaceId,
    byte @Nullable [] oldDigest,
    byte @Nullable [] newDigest) {}
