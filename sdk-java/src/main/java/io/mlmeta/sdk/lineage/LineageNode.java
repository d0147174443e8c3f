package io.mlmeta.sdk.lineage;

import org.jspecify.annotations.Nullable;

/**
 * One artifact or execution of a lineage answer.
 *
 * @param key {@code artifact:<id>} or {@code execution:<id>}
 * @param kind artifact or execution
 * @param id the artifact's or execution's id
 * @param type its type name, for example {@code Dataset} or {@code Train}
 * @param state its state name, for example {@code LIVE} or {@code COMPLETE}
 * @param name its name, or null
 * @param uri an artifact's uri, or null
 * @param hops edges from the nearest start node (artifact to execution is one hop)
 */
public record LineageNode(
    String key,
    NodeKind kind,
    long id,
    String type,
    String state,
    @Nullable String name,
    @Nullable String uri,
    int hops) {

  /** Whether this node is an artifact. */
  public boolean isArtifact() {
    return kind == NodeKind.ARTIFACT;
  }

  /** Whether this node is an execution. */
  public boolean isExecution() {
    return kind == NodeKind.EXECUTION;
  }
}
