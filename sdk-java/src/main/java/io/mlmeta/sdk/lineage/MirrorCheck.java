package io.mlmeta.sdk.lineage;

import java.util.List;

/**
 * A node-by-node and edge-by-edge comparison of PostgreSQL and the Neo4j mirror.
 *
 * @param consistent whether both sides hold the same graph
 * @param storeNodes nodes in PostgreSQL
 * @param mirrorNodes nodes in Neo4j
 * @param storeEdges edges in PostgreSQL
 * @param mirrorEdges edges in Neo4j
 * @param missingNodes nodes missing from Neo4j
 * @param extraNodes nodes only in Neo4j
 * @param differentNodes nodes whose fields differ
 * @param missingEdges edges missing from Neo4j
 * @param extraEdges edges only in Neo4j
 * @param sample a few of the differences, described
 * @param mirrorPosition the mirror's outbox position
 * @param latestPosition the last outbox position written
 * @param repaired whether the differences were written into Neo4j
 */
public record MirrorCheck(
    boolean consistent,
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

  /** Makes the sample immutable. */
  public MirrorCheck {
    sample = List.copyOf(sample);
  }
}
