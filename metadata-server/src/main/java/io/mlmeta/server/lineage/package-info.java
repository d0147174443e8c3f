/**
 * Lineage reads and the Neo4j mirror: {@code LineageRouter} picks the engine per query shape and
 * falls back to PostgreSQL, {@code LineageIndex} is this replica's in-memory topology, {@code
 * LineageProjector} applies the outbox to Neo4j, {@code MirrorAdmin} rebuilds, checks and repairs.
 * The engines live in the lineage-graph module; metadata writes never call in here.
 */
package io.mlmeta.server.lineage;
