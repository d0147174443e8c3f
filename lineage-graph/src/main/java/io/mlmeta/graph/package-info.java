/**
 * The lineage graph port ({@link io.mlmeta.graph.LineageGraph}) with its query and result types.
 * Engines: {@link io.mlmeta.graph.memory.InMemoryLineageGraph}, {@link
 * io.mlmeta.graph.neo4j.Neo4jLineageGraph} and {@link
 * io.mlmeta.graph.postgres.PostgresLineageGraph}.
 */
package io.mlmeta.graph;
