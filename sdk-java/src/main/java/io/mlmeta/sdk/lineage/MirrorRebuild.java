package io.mlmeta.sdk.lineage;

/**
 * What a rebuild of the Neo4j mirror from PostgreSQL copied.
 *
 * @param nodes nodes written
 * @param edges edges written
 * @param position the outbox position the mirror is at afterwards
 * @param millis how long the rebuild took
 */
public record MirrorRebuild(long nodes, long edges, long position, long millis) {}
