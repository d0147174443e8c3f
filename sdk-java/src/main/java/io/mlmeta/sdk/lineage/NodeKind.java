package io.mlmeta.sdk.lineage;

/** What a lineage node stands for. */
public enum NodeKind {
  ARTIFACT("artifact"),
  EXECUTION("execution");

  private final String prefix;

  NodeKind(String prefix) {
    this.prefix = prefix;
  }

  /** The prefix of this kind's node keys: {@code artifact} or {@code execution}. */
  public String prefix() {
    return prefix;
  }

  /** The node key of the node of this kind with this id, for example {@code artifact:12}. */
  public String key(long id) {
    return prefix + ":" + id;
  }
}
