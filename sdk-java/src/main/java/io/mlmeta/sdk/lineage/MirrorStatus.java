package io.mlmeta.sdk.lineage;

/**
 * The state of the Neo4j lineage mirror.
 *
 * @param configured whether the server has a Neo4j mirror at all
 * @param reachable whether Neo4j answers
 * @param leader whether this server instance runs the projector
 * @param mirrorPosition the last outbox position applied to Neo4j
 * @param latestPosition the last outbox position written
 * @param lagRows outbox rows not yet applied
 * @param lastError the projector's last error, or an empty string
 */
public record MirrorStatus(
    boolean configured,
    boolean reachable,
    boolean leader,
    long mirrorPosition,
    long latestPosition,
    long lagRows,
    String lastError) {}
