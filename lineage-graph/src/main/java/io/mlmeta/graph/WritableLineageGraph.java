package io.mlmeta.graph;

import io.mlmeta.graph.model.ChangeSet;

/**
 * An engine that keeps its own copy of the lineage graph (the in-memory index, the Neo4j mirror),
 * so it is written as well as read. Writes arrive as change sets from the outbox, in order.
 *
 * <p>{@link #apply(ChangeSet)} is idempotent: applying a change set twice leaves the graph as
 * applying it once. It is not atomic: a failure can leave an applied prefix, which re-applying the
 * whole change set completes.
 */
public interface WritableLineageGraph extends LineageGraph {

  /**
   * Applies the changes in order; consecutive changes of the same sort are written as batches.
   *
   * @throws IllegalArgumentException if an edge has an end that does not exist
   */
  void apply(ChangeSet changes);

  /** Removes every node and edge, before a rebuild. */
  void clear();
}
