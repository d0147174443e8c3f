package io.mlmeta.sdk.lineage;

/** The event a lineage edge records. */
public enum EdgeType {
  /** The execution read the artifact: edge {@code artifact -> execution}. */
  INPUT,
  /** The execution wrote the artifact: edge {@code execution -> artifact}. */
  OUTPUT
}
