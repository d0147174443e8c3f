package io.mlmeta.server.service;

import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.server.lineage.LineageEngine;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A shortest-paths query between two nodes, with the defaults of what a client leaves out. */
public record PathsRequest(
    NodeKey from,
    NodeKey to,
    Direction direction,
    int maxHops,
    int limit,
    Optional<LineageEngine> engine,
    long minPosition) {

  /**
   * Paths between two nodes given as keys; a null argument leaves the default.
   *
   * @throws io.mlmeta.server.domain.error.InvalidArgumentException naming {@code from}, {@code to}
   *     or {@code engine} when one is malformed
   */
  public static PathsRequest between(
      @Nullable String from,
      @Nullable String to,
      @Nullable Direction direction,
      @Nullable Integer maxHops,
      @Nullable Integer limit,
      @Nullable String engine,
      @Nullable Long minPosition) {
    return new PathsRequest(
        LineageRequest.nodeKey("from", from),
        LineageRequest.nodeKey("to", to),
        direction == null ? Direction.BOTH : direction,
        maxHops == null ? LineageRequest.DEFAULT_PATH_MAX_HOPS : maxHops,
        limit == null ? LineageRequest.DEFAULT_PATH_LIMIT : limit,
        LineageRequest.engine(engine),
        minPosition == null ? 0 : minPosition);
  }
}
