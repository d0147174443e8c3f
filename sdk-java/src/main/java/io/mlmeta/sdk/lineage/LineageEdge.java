package io.mlmeta.sdk.lineage;

/**
 * One event of a lineage answer, in data-flow direction.
 *
 * @param from the node key data flows out of
 * @param to the node key data flows into
 * @param type {@code INPUT} (artifact to execution) or {@code OUTPUT} (execution to artifact)
 */
public record LineageEdge(String from, String to, EdgeType type) {}
