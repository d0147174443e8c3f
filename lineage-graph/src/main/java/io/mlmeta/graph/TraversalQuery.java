package io.mlmeta.graph;

import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.Visibility;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A lineage walk; see {@link LineageGraph#traverse(TraversalQuery)} for the semantics.
 *
 * @param visibility the workspaces whose nodes the walk shows; it follows edges into others too and
 *     returns their nodes redacted. Start nodes outside it are ignored
 * @param startNodes where the walk starts (hop 0); sorted and without duplicates
 * @param direction which way edges are followed
 * @param maxHops the walk stops this many edges away from the start nodes
 * @param returnFilter which reached nodes are returned; it does not limit the walk
 * @param stopAt reached nodes matching it are returned (if the return filter accepts them) but not
 *     walked past; start nodes are always walked past
 * @param pageSize at most this many nodes per result
 * @param cursor where the previous page ended ({@link TraversalResult#nextCursor()}), or empty for
 *     the first page
 * @param timeBudget the walk stops when this has elapsed and returns what it completed
 */
public record TraversalQuery(
    Visibility visibility,
    List<NodeKey> startNodes,
    Direction direction,
    int maxHops,
    NodeFilter returnFilter,
    Optional<NodeFilter> stopAt,
    int pageSize,
    Optional<String> cursor,
    Duration timeBudget) {

  public static final int DEFAULT_MAX_HOPS = 10;
  public static final int MAX_HOPS_LIMIT = 1_000;
  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int MAX_PAGE_SIZE = 10_000;
  public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(10);

  public TraversalQuery {
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(startNodes, "startNodes");
    if (startNodes.isEmpty()) {
      throw new IllegalArgumentException("a traversal needs at least one start node");
    }
    startNodes = List.copyOf(new TreeSet<>(startNodes));
    Objects.requireNonNull(direction, "direction");
    if (maxHops < 0 || maxHops > MAX_HOPS_LIMIT) {
      throw new IllegalArgumentException(
          "maxHops must be in [0, " + MAX_HOPS_LIMIT + "]: " + maxHops);
    }
    Objects.requireNonNull(returnFilter, "returnFilter");
    Objects.requireNonNull(stopAt, "stopAt");
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be in [1, " + MAX_PAGE_SIZE + "]: " + pageSize);
    }
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(timeBudget, "timeBudget");
    if (timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("timeBudget must be positive: " + timeBudget);
    }
  }

  /** A query with defaults: downstream, {@value #DEFAULT_MAX_HOPS} hops, every node returned. */
  public static Builder builder(Visibility visibility, NodeKey... startNodes) {
    return new Builder(visibility, Arrays.asList(startNodes));
  }

  public static Builder builder(Visibility visibility, List<NodeKey> startNodes) {
    return new Builder(visibility, startNodes);
  }

  /** A query that shows the nodes of one workspace and redacts all others. */
  public static Builder builder(long workspaceId, NodeKey... startNodes) {
    return builder(Visibility.workspace(workspaceId), startNodes);
  }

  /** The same query asking for the page that starts at {@code nextCursor}. */
  public TraversalQuery withCursor(String nextCursor) {
    return new TraversalQuery(
        visibility,
        startNodes,
        direction,
        maxHops,
        returnFilter,
        stopAt,
        pageSize,
        Optional.of(nextCursor),
        timeBudget);
  }

  public TraversalQuery withTimeBudget(Duration budget) {
    return new TraversalQuery(
        visibility, startNodes, direction, maxHops, returnFilter, stopAt, pageSize, cursor, budget);
  }

  /** Builds a {@link TraversalQuery}. */
  public static final class Builder {
    private final Visibility visibility;
    private final List<NodeKey> startNodes;
    private Direction direction = Direction.DOWNSTREAM;
    private int maxHops = DEFAULT_MAX_HOPS;
    private NodeFilter returnFilter = NodeFilter.any();
    private @Nullable NodeFilter stopAt;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private @Nullable String cursor;
    private Duration timeBudget = DEFAULT_TIME_BUDGET;

    private Builder(Visibility visibility, List<NodeKey> startNodes) {
      this.visibility = visibility;
      this.startNodes = List.copyOf(startNodes);
    }

    public Builder direction(Direction direction) {
      this.direction = direction;
      return this;
    }

    public Builder upstream() {
      return direction(Direction.UPSTREAM);
    }

    public Builder downstream() {
      return direction(Direction.DOWNSTREAM);
    }

    public Builder bothDirections() {
      return direction(Direction.BOTH);
    }

    public Builder maxHops(int maxHops) {
      this.maxHops = maxHops;
      return this;
    }

    public Builder returning(NodeFilter filter) {
      this.returnFilter = filter;
      return this;
    }

    public Builder stopAt(NodeFilter filter) {
      this.stopAt = filter;
      return this;
    }

    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    public Builder cursor(String cursor) {
      this.cursor = cursor;
      return this;
    }

    public Builder timeBudget(Duration timeBudget) {
      this.timeBudget = timeBudget;
      return this;
    }

    public TraversalQuery build() {
      return new TraversalQuery(
          visibility,
          startNodes,
          direction,
          maxHops,
          returnFilter,
          Optional.ofNullable(stopAt),
          pageSize,
          Optional.ofNullable(cursor),
          timeBudget);
    }
  }
}
