package io.mlmeta.sdk.lineage;

import org.jspecify.annotations.Nullable;

/**
 * One artifact or execution of a lineage answer. A walk that crosses into a workspace the caller
 * cannot read (another team's run that read this dataset, say) returns that workspace's nodes
 * {@code redacted}: key, kind, id and hops only, every other field null.
 *
 * @param key {@code artifact:<id>} or {@code execution:<id>}
 * @param kind artifact or execution
 * @param id the artifact's or execution's id
 * @param type its type name, for example {@code Dataset} or {@code Train}; null when redacted
 * @param state its state name, for example {@code LIVE} or {@code COMPLETE}; null when redacted
 * @param name its name, or null
 * @param uri an artifact's uri, or null
 * @param hops edges from the nearest start node (artifact to execution is one hop)
 * @param redacted whether the node lies in a workspace the caller cannot read
 */
public record LineageNode(
    String key,
    NodeKind kind,
    long id,
    @Nullable String type,
    @Nullable String state,
    @Nullable String name,
    @Nullable String uri,
    int hops,
    boolean redacted) {

  /** Whether this node is an artifact. */
  public boolean isArtifact() {
    return kind == NodeKind.ARTIFACT;
  }

  /** Whether this node is an execution. */
  public boolean isExecution() {
    return kind == NodeKind.EXECUTION;
  }
}
