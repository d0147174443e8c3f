package io.mlmeta.server.changelog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One change-log row, as the chain hashes it. */
record ChangeEntry(
    long sequence,
    Instant recordedAt,
    String transactionId,
    @Nullable String principal,
    @Nullable String requestId,
    String operation,
    String entity,
    String entityKey,
    @Nullable Long workspaceId,
    byte @Nullable [] oldDigest,
    byte @Nullable [] newDigest) {}
