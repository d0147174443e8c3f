package io.mlmeta.server.lineage;

import org.jspecify.annotations.Nullable;

/** The state of the Neo4j mirror as this replica sees it. */
public record MirrorStatus(
    boolean configured,
    boolean reachable,
    boolean leader,
    long mirrorPosition,
    long latestPosition,
    @Nullable String lastError) {

  public long lagRows() {
    return Math.max(0, latestPosition - mirrorPosition);
  }
}
