package io.mlmeta.sdk;

import com.google.protobuf.Duration;
import io.mlmeta.proto.v1.GetLineageRequest;
import io.mlmeta.proto.v1.NodeFilter;
import io.mlmeta.proto.v1.ReadOptions;
import io.mlmeta.sdk.grpc.LineageProtos;
import io.mlmeta.sdk.lineage.Lineage;
import io.mlmeta.sdk.lineage.LineageDirection;
import io.mlmeta.sdk.lineage.LineageEdge;
import io.mlmeta.sdk.lineage.LineageNode;
import io.mlmeta.sdk.lineage.NodeKey;
import io.mlmeta.sdk.lineage.NodeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A typed lineage walk, started by {@link Store#lineage(long)}:
 *
 * <pre>{@code
 * Lineage up = store.lineage(model.id()).upstream().maxHops(4).fetch();
 * }</pre>
 *
 * <p>The walk goes both ways unless {@link #upstream()} or {@link #downstream()} is chosen, and up
 * to 10 hops unless {@link #maxHops(int)} says otherwise (every edge is one hop, as in ML
 * Metadata). {@link #fetch()} returns one page; {@link #fetchAll()} follows the cursors. A query
 * object is mutable and not thread-safe; each call of a setter returns the same object.
 */
public final class LineageQuery {

  private final Store store;
  private final Set<NodeKey> start = new LinkedHashSet<>();
  private LineageDirection direction = LineageDirection.BOTH;
  private @Nullable Integer maxHops;
  private final Set<NodeKind> kinds = new LinkedHashSet<>();
  private final Set<String> types = new LinkedHashSet<>();
  private final Set<String> states = new LinkedHashSet<>();
  private final Set<String> stopAtTypes = new LinkedHashSet<>();
  private int pageSize;
  private String pageToken = "";
  private String engine = "";
  private long minPosition;
  private java.time.@Nullable Duration timeBudget;

  LineageQuery(Store store, List<NodeKey> start) {
    this.store = store;
    if (start.isEmpty()) {
      throw new IllegalArgumentException("a lineage walk needs at least one start node");
    }
    this.start.addAll(start);
  }

  /** Walks against the data flow: what the start nodes were made from. */
  public LineageQuery upstream() {
    return direction(LineageDirection.UPSTREAM);
  }

  /** Walks with the data flow: what was made from the start nodes. */
  public LineageQuery downstream() {
    return direction(LineageDirection.DOWNSTREAM);
  }

  /** Walks both ways (the default). */
  public LineageQuery both() {
    return direction(LineageDirection.BOTH);
  }

  /** Sets the direction. */
  public LineageQuery direction(LineageDirection direction) {
    this.direction = Objects.requireNonNull(direction, "direction");
    return this;
  }

  /** The most edges between a start node and a returned node; 0 returns only the start nodes. */
  public LineageQuery maxHops(int maxHops) {
    if (maxHops < 0) {
      throw new IllegalArgumentException("maxHops must not be negative: " + maxHops);
    }
    this.maxHops = maxHops;
    return this;
  }

  /** Returns only nodes of these kinds (the walk still passes through the others). */
  public LineageQuery kinds(NodeKind... kinds) {
    this.kinds.addAll(List.of(kinds));
    return this;
  }

  /** Returns only nodes of these type names, such as {@code Dataset} or {@code Train}. */
  public LineageQuery types(String... types) {
    this.types.addAll(List.of(types));
    return this;
  }

  /** Returns only nodes in these states, such as {@code LIVE} or {@code COMPLETE}. */
  public LineageQuery states(String... states) {
    this.states.addAll(List.of(states));
    return this;
  }

  /** Returns nodes of these types but does not walk past them. */
  public LineageQuery stopAt(String... types) {
    this.stopAtTypes.addAll(List.of(types));
    return this;
  }

  /** The most nodes per page; 0 lets the server choose. */
  public LineageQuery pageSize(int pageSize) {
    if (pageSize < 0) {
      throw new IllegalArgumentException("pageSize must not be negative: " + pageSize);
    }
    this.pageSize = pageSize;
    return this;
  }

  /** Continues a walk from the {@link Lineage#nextPageToken()} of an earlier page. */
  public LineageQuery pageToken(@Nullable String pageToken) {
    this.pageToken = pageToken == null ? "" : pageToken;
    return this;
  }

  /**
   * Asks a specific engine, {@code memory}, {@code postgres} or {@code neo4j}, instead of the
   * router's choice.
   */
  public LineageQuery engine(@Nullable String engine) {
    this.engine = engine == null ? "" : engine;
    return this;
  }

  /**
   * Makes the answer include every write up to this lineage position (read-your-writes), as
   * returned with each recorded execution.
   */
  public LineageQuery minPosition(long minPosition) {
    this.minPosition = minPosition;
    return this;
  }

  /** The time the server may spend; past it the answer is {@link Lineage#truncated()}. */
  public LineageQuery timeBudget(java.time.@Nullable Duration timeBudget) {
    this.timeBudget = timeBudget;
    return this;
  }

  /**
   * Fetches one page.
   *
   * @throws io.mlmeta.sdk.error.NotFoundException if a start node does not exist
   * @throws io.mlmeta.sdk.error.InvalidArgumentException for a malformed filter or page token
   */
  public Lineage fetch() {
    GetLineageRequest request = request(pageToken);
    return LineageProtos.lineage(store.transport().lineage(s -> s.getLineage(request)));
  }

  /**
   * Fetches every page and joins them: nodes and edges appear once each, in the order first seen;
   * {@code truncated} is true when any page ran out of time budget.
   */
  public Lineage fetchAll() {
    Map<String, LineageNode> nodes = new LinkedHashMap<>();
    Set<LineageEdge> edges = new LinkedHashSet<>();
    String token = pageToken;
    Lineage page;
    boolean timedOut = false;
    List<String> truncations = new ArrayList<>();
    do {
      GetLineageRequest request = request(token);
      page = LineageProtos.lineage(store.transport().lineage(s -> s.getLineage(request)));
      page.nodes().forEach(n -> nodes.putIfAbsent(n.key(), n));
      edges.addAll(page.edges());
      if (page.truncated() && !page.hasNext()) {
        timedOut = true;
        truncations.add(page.truncation());
      }
      token = page.nextPageToken();
    } while (page.hasNext());
    return new Lineage(
        new ArrayList<>(nodes.values()),
        new ArrayList<>(edges),
        timedOut,
        String.join("; ", truncations),
        "",
        page.answeredBy());
  }

  private GetLineageRequest request(String token) {
    GetLineageRequest.Builder request =
        GetLineageRequest.newBuilder()
            .setStart(LineageProtos.start(start))
            .setDirection(LineageProtos.direction(direction))
            .setPageSize(pageSize)
            .setPageToken(token);
    if (maxHops != null) {
      request.setMaxHops(maxHops);
    }
    if (!kinds.isEmpty() || !types.isEmpty() || !states.isEmpty()) {
      NodeFilter.Builder filter = NodeFilter.newBuilder().addAllTypes(types).addAllStates(states);
      kinds.forEach(k -> filter.addKinds(LineageProtos.kind(k)));
      request.setFilter(filter);
    }
    if (!stopAtTypes.isEmpty()) {
      // An empty stop-at filter present in the request would match, and stop at, every node.
      request.setStopAt(NodeFilter.newBuilder().addAllTypes(stopAtTypes));
    }
    ReadOptions.Builder read = ReadOptions.newBuilder().setEngine(engine);
    read.setMinPosition(minPosition);
    if (timeBudget != null) {
      read.setTimeBudget(
          Duration.newBuilder().setSeconds(timeBudget.getSeconds()).setNanos(timeBudget.getNano()));
    }
    request.setRead(read);
    return request.build();
  }
}
