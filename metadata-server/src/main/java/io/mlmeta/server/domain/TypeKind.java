package io.mlmeta.server.domain;

/** What a type describes. */
public enum TypeKind {
  ARTIFACT,
  EXECUTION,
  CONTEXT
}
