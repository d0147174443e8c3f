package io.mlmeta.sdk.lineage;

/** Which way a lineage walk goes. */
public enum LineageDirection {
  /** Against the data flow: where did this come from. */
  UPSTREAM,
  /** With the data flow: what depends on this. */
  DOWNSTREAM,
  /** Both ways. */
  BOTH
}
