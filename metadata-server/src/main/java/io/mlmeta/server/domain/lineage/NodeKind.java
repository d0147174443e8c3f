package io.mlmeta.server.domain.lineage;

/** The two kinds of lineage nodes: artifacts and executions. */
public enum NodeKind {
  ARTIFACT,
  EXECUTION
}
