package io.mlmeta.server.service;

import io.mlmeta.graph.NodeFilter;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.server.domain.ArtifactFilter;
import io.mlmeta.server.domain.ExecutionFilter;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.lineage.LineageEngine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A walk or impact query as every adapter hands it to {@link LineageQueryService}: the defaults of
 * whatever a client leaves out live here, once, and so does the parsing of engine names and node
 * keys. Bounds are checked by the service, which names the failing field.
 */
public record LineageRequest(
    Start start,
    Direction direction,
    int maxHops,
    NodeFilter filter,
    Optional<NodeFilter> stopAt,
    int pageSize,
    Optional<String> cursor,
    Optional<Duration> timeBudget,
    Optional<LineageEngine> engine,
    long minPosition) {

  public static final int DEFAULT_MAX_HOPS = 10;
  public static final int DEFAULT_IMPACT_MAX_HOPS = 50;
  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int DEFAULT_PATH_MAX_HOPS = 20;
  public static final int DEFAULT_PATH_LIMIT = 10;

  /**
   * Where a walk starts: nodes by id, plus every artifact and execution of {@code workspace} that
   * the filters match (at most {@link LineageQueryService#MAX_SELECTED_STARTS} of each).
   */
  public record Start(
      List<Long> artifactIds,
      List<Long> executionIds,
      Optional<String> workspace,
      Optional<ArtifactFilter> artifacts,
      Optional<ExecutionFilter> executions) {

    public Start {
      artifactIds = List.copyOf(artifactIds);
      executionIds = List.copyOf(executionIds);
    }

    public static Start ids(List<Long> artifactIds, List<Long> executionIds) {
      return new Start(
          artifactIds, executionIds, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same start, also selecting the nodes the filters match; null filters select none. */
    public Start selecting(
        @Nullable String workspace,
        @Nullable ArtifactFilter artifacts,
        @Nullable ExecutionFilter executions) {
      return new Start(
          artifactIds,
          executionIds,
          Optional.ofNullable(workspace).filter(w -> !w.isBlank()),
          Optional.ofNullable(artifacts),
          Optional.ofNullable(executions));
    }

    boolean selects() {
      return artifacts.isPresent() || executions.isPresent();
    }
  }

  /** A walk against the data flow by default ("where did this come from"). */
  public static Builder walk(Start start) {
    return new Builder(start, Direction.UPSTREAM, DEFAULT_MAX_HOPS);
  }

  /** Everything downstream of the start ("what breaks if this is bad"). */
  public static Builder impact(Start start) {
    return new Builder(start, Direction.DOWNSTREAM, DEFAULT_IMPACT_MAX_HOPS);
  }

  /**
   * The engine a request names, or empty for the router's choice.
   *
   * @throws InvalidArgumentException naming {@code engine} for an unknown engine
   */
  public static Optional<LineageEngine> engine(@Nullable String name) {
    try {
      return LineageEngine.requested(name);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("engine", String.valueOf(e.getMessage()));
    }
  }

  /**
   * A node key such as {@code artifact:12}.
   *
   * @throws InvalidArgumentException naming {@code field} if {@code text} is not one
   */
  public static NodeKey nodeKey(String field, @Nullable String text) {
    if (text != null) {
      try {
        return NodeKey.parse(text);
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    throw new InvalidArgumentException(
        field, "is not a node key like artifact:12; got '" + text + "'");
  }

  /** Collects a request; a null argument leaves the default in place. */
  public static final class Builder {
    private final Start start;
    private Direction direction;
    private int maxHops;
    private NodeFilter filter = NodeFilter.any();
    private Optional<NodeFilter> stopAt = Optional.empty();
    private int pageSize = DEFAULT_PAGE_SIZE;
    private Optional<String> cursor = Optional.empty();
    private Optional<Duration> timeBudget = Optional.empty();
    private Optional<LineageEngine> engine = Optional.empty();
    private long minPosition;

    private Builder(Start start, Direction direction, int maxHops) {
      this.start = start;
      this.direction = direction;
      this.maxHops = maxHops;
    }

    public Builder direction(@Nullable Direction value) {
      if (value != null) {
        direction = value;
      }
      return this;
    }

    public Builder maxHops(@Nullable Integer value) {
      if (value != null) {
        maxHops = value;
      }
      return this;
    }

    /** Only matching nodes are returned; the walk still passes through the others. */
    public Builder filter(@Nullable NodeFilter value) {
      if (value != null) {
        filter = value;
      }
      return this;
    }

    /** Matching nodes are returned but not walked past; an empty filter means none. */
    public Builder stopAt(@Nullable NodeFilter value) {
      stopAt = Optional.ofNullable(value).filter(stop -> !stop.acceptsAll());
      return this;
    }

    public Builder pageSize(@Nullable Integer value) {
      if (value != null) {
        pageSize = value;
      }
      return this;
    }

    public Builder cursor(@Nullable String value) {
      cursor = Optional.ofNullable(value).filter(c -> !c.isEmpty());
      return this;
    }

    /** A zero or null budget leaves the server's default. */
    public Builder timeBudget(@Nullable Duration value) {
      timeBudget = Optional.ofNullable(value).filter(budget -> !budget.isZero());
      return this;
    }

    public Builder engine(@Nullable String name) {
      engine = LineageRequest.engine(name);
      return this;
    }

    public Builder minPosition(@Nullable Long value) {
      if (value != null) {
        minPosition = value;
      }
      return this;
    }

    public LineageRequest build() {
      return new LineageRequest(
          start,
          direction,
          maxHops,
          filter,
          stopAt,
          pageSize,
          cursor,
          timeBudget,
          engine,
          minPosition);
    }
  }
}
