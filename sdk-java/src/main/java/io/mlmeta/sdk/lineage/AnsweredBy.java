package io.mlmeta.sdk.lineage;

/**
 * Which engine answered a lineage query, and why.
 *
 * @param engine {@code postgres} or {@code neo4j}
 * @param reason {@code router}, {@code requested}, {@code neo4j unavailable} or {@code neo4j mirror
 *     behind}
 * @param mirrorPosition how far the Neo4j mirror had applied the outbox
 * @param requiredPosition the lineage position the answer had to include
 */
public record AnsweredBy(
    String engine, String reason, long mirrorPosition, long requiredPosition) {}
