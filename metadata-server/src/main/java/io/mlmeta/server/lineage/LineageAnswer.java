package io.mlmeta.server.lineage;

/**
 * A lineage result and where it came from: the engine that answered, why the router chose it, how
 * far the Neo4j mirror had got and which outbox position the answer had to include.
 */
public record LineageAnswer<T>(
    T result, String engine, String reason, long mirrorPosition, long requiredPosition) {

  /** The same provenance for a result derived from this one. */
  public <U> LineageAnswer<U> with(U derived) {
    return new LineageAnswer<>(derived, engine, reason, mirrorPosition, requiredPosition);
  }
}
