package io.mlmeta.graph;

/** Why a traversal result does not hold every remaining node. */
public enum Truncation {
  /** The result holds every remaining node. */
  NONE,
  /** The page is full and more nodes follow; ask again with the next cursor. */
  PAGE,
  /**
   * The time budget ran out. The result holds the nodes of the hop levels that were completed; ask
   * again with the next cursor (and a larger budget) for the rest.
   */
  TIME_BUDGET
}
