package io.mlmeta.server.lineage;

import java.util.List;

/**
 * What a consistency check (or repair) found: the sizes of both sides, how many nodes and edges
 * each side lacks or holds differently, a sample of the differing keys, and the outbox positions at
 * the time, so a difference still in flight can be told from a lost one.
 */
public record MirrorReport(
    long storeNodes,
    long mirrorNodes,
    long storeEdges,
    long mirrorEdges,
    long missingNodes,
    long extraNodes,
    long differentNodes,
    long missingEdges,
    long extraEdges,
    List<String> sample,
    long mirrorPosition,
    long latestPosition,
    boolean repaired) {

  public boolean consistent() {
    return missingNodes == 0
        && extraNodes == 0
        && differentNodes == 0
        && missingEdges == 0
        && extraEdges == 0;
  }
}
