package io.mlmeta.server.lineage;

/** What a rebuild copied from PostgreSQL into Neo4j, and the outbox position it resumed from. */
public record RebuildReport(long nodes, long edges, long position, long millis) {}
