package io.mlmeta.sdk.model;

/** What a registered type describes. */
public enum TypeKind {
  ARTIFACT,
  EXECUTION,
  CONTEXT
}
