package io.mlmeta.graph.model;

/** The two kinds of node in a lineage graph. Contexts (runs, experiments) are not graph nodes. */
public enum NodeKind {
  ARTIFACT("artifact"),
  EXECUTION("execution");

  private final String prefix;

  NodeKind(String prefix) {
    this.prefix = prefix;
  }

  /** The prefix of this kind in a node key's canonical string, for example {@code artifact}. */
  public String prefix() {
    return prefix;
  }

  /** The kind whose {@link #prefix()} is {@code prefix}. */
  public static NodeKind fromPrefix(String prefix) {
    for (NodeKind kind : values()) {
      if (kind.prefix.equals(prefix)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown node kind prefix: " + prefix);
  }
}
