/**
 * Lineage records returned by {@link io.mlmeta.sdk.Store#lineage(long)}, {@link
 * io.mlmeta.sdk.Store#impact(long)} and {@link io.mlmeta.sdk.Store#paths(String, String)}, and the
 * status records of the Neo4j lineage mirror. Edges point in data-flow direction: {@code artifact
 * -> execution} for an input, {@code execution -> artifact} for an output.
 */
package io.mlmeta.sdk.lineage;
