package io.mlmeta.it.benchmark;

import com.google.protobuf.Duration;
import io.mlmeta.graph.Path;
import io.mlmeta.graph.TraversalQuery;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.graph.TraversedNode;
import io.mlmeta.graph.memory.InMemoryLineageGraph;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.proto.v1.AnsweredBy;
import io.mlmeta.proto.v1.FindPathsRequest;
import io.mlmeta.proto.v1.FindPathsResponse;
import io.mlmeta.proto.v1.GetImpactRequest;
import io.mlmeta.proto.v1.GetImpactResponse;
import io.mlmeta.proto.v1.GetLineageRequest;
import io.mlmeta.proto.v1.GetLineageResponse;
import io.mlmeta.proto.v1.ImpactGroup;
import io.mlmeta.proto.v1.LineageDirection;
import io.mlmeta.proto.v1.LineageEdge;
import io.mlmeta.proto.v1.LineageNode;
import io.mlmeta.proto.v1.LineagePath;
import io.mlmeta.proto.v1.LineageServiceGrpc.LineageServiceBlockingStub;
import io.mlmeta.proto.v1.LineageStart;
import io.mlmeta.proto.v1.ReadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One lineage question, asked of the server over gRPC (with the engine given in its read options)
 * or of the in-process memory engine. Only the call itself is timed; turning the answer into a
 * comparable signature happens afterwards.
 *
 * @param name how the table names the shape
 * @param server asks the server with the given read options
 * @param memory asks the in-process memory engine the same question
 */
record QueryShape(String name, Function<ReadOptions, Answer> server, Supplier<Answer> memory) {

  // Generous, so that no engine's answer is cut short by the time budget (truncation is reported).
  private static final Duration TIME_BUDGET = Duration.newBuilder().setSeconds(120).build();
  // The page the server's impact query walks with (LineageQueryService's largest page).
  private static final int IMPACT_PAGE = TraversalQuery.MAX_PAGE_SIZE;

  /**
   * What one engine answered.
   *
   * @param engine the engine that answered ({@code answered_by.engine}, or {@code memory})
   * @param reason why that engine answered ({@code answered_by.reason})
   * @param nodes how many nodes (or, for paths, how many paths) the answer holds
   * @param signature the answer as sorted strings, to compare engines exactly
   * @param truncated whether a page or time budget ended the answer
   * @param nanos the call's wall time
   */
  record Answer(
      String engine,
      String reason,
      int nodes,
      List<String> signature,
      boolean truncated,
      long nanos) {}

  /** The walk against data flow from {@code model}: where did it come from. */
  static QueryShape upstream(
      String name,
      LineageServiceBlockingStub lineage,
      InMemoryLineageGraph memory,
      long workspaceId,
      long model,
      int hops) {
    return walk(name, lineage, memory, workspaceId, model, LineageDirection.UPSTREAM, hops, 10_000);
  }

  /** The first page of a downstream walk from {@code dataset}. */
  static QueryShape downstreamPage(
      String name,
      LineageServiceBlockingStub lineage,
      InMemoryLineageGraph memory,
      long workspaceId,
      long dataset,
      int pageSize) {
    return walk(
        name,
        lineage,
        memory,
        workspaceId,
        dataset,
        LineageDirection.DOWNSTREAM,
        TraversalQuery.DEFAULT_MAX_HOPS,
        pageSize);
  }

  private static QueryShape walk(
      String name,
      LineageServiceBlockingStub lineage,
      InMemoryLineageGraph memory,
      long workspaceId,
      long artifact,
      LineageDirection direction,
      int hops,
      int pageSize) {
    return new QueryShape(
        name,
        read -> {
          GetLineageRequest request =
              GetLineageRequest.newBuilder()
                  .setStart(LineageStart.newBuilder().addArtifactIds(artifact))
                  .setDirection(direction)
                  .setMaxHops(hops)
                  .setPageSize(pageSize)
                  .setRead(read.toBuilder().setTimeBudget(TIME_BUDGET))
                  .build();
          long start = System.nanoTime();
          GetLineageResponse response = lineage.getLineage(request);
          long nanos = System.nanoTime() - start;
          List<String> signature = new ArrayList<>();
          response.getNodesList().forEach(node -> signature.add(nodeSignature(node)));
          response.getEdgesList().forEach(edge -> signature.add(edgeSignature(edge)));
          return answer(
              response.getAnsweredBy(),
              response.getNodesCount(),
              signature,
              response.getTruncated(),
              nanos);
        },
        () -> {
          TraversalQuery query =
              TraversalQuery.builder(workspaceId, NodeKey.artifact(artifact))
                  .direction(
                      direction == LineageDirection.UPSTREAM
                          ? Direction.UPSTREAM
                          : Direction.DOWNSTREAM)
                  .maxHops(hops)
                  .pageSize(pageSize)
                  .timeBudget(java.time.Duration.ofSeconds(TIME_BUDGET.getSeconds()))
                  .build();
          long start = System.nanoTime();
          TraversalResult result = memory.traverse(query);
          long nanos = System.nanoTime() - start;
          List<String> signature = new ArrayList<>();
          result.nodes().forEach(node -> signature.add(nodeSignature(node)));
          result.edges().forEach(edge -> signature.add(edgeSignature(edge)));
          return memoryAnswer(result.nodes().size(), signature, result.truncated(), nanos);
        });
  }

  /** Everything downstream of {@code dataset} within {@code hops}: what breaks if it is bad. */
  static QueryShape impact(
      String name,
      LineageServiceBlockingStub lineage,
      InMemoryLineageGraph memory,
      long workspaceId,
      long dataset,
      int hops) {
    return new QueryShape(
        name,
        read -> {
          GetImpactRequest request =
              GetImpactRequest.newBuilder()
                  .setStart(LineageStart.newBuilder().addArtifactIds(dataset))
                  .setMaxHops(hops)
                  .setRead(read.toBuilder().setTimeBudget(TIME_BUDGET))
                  .build();
          long start = System.nanoTime();
          GetImpactResponse response = lineage.getImpact(request);
          long nanos = System.nanoTime() - start;
          List<String> signature = new ArrayList<>();
          for (ImpactGroup group : response.getGroupsList()) {
            group.getNodesList().forEach(node -> signature.add(nodeSignature(node)));
          }
          return answer(
              response.getAnsweredBy(),
              response.getTotal(),
              signature,
              response.getTruncated(),
              nanos);
        },
        () -> {
          // The server's impact is a downstream walk of one large page without the start node.
          TraversalQuery query =
              TraversalQuery.builder(workspaceId, NodeKey.artifact(dataset))
                  .downstream()
                  .maxHops(hops)
                  .pageSize(IMPACT_PAGE)
                  .timeBudget(java.time.Duration.ofSeconds(TIME_BUDGET.getSeconds()))
                  .build();
          long start = System.nanoTime();
          TraversalResult result = memory.traverse(query);
          long nanos = System.nanoTime() - start;
          List<String> signature =
              result.nodes().stream()
                  .filter(node -> node.hops() > 0)
                  .map(QueryShape::nodeSignature)
                  .collect(Collectors.toCollection(ArrayList::new));
          return memoryAnswer(signature.size(), signature, result.truncated(), nanos);
        });
  }

  /** The shortest downstream paths from {@code from} to {@code to}. */
  static QueryShape paths(
      String name,
      LineageServiceBlockingStub lineage,
      InMemoryLineageGraph memory,
      long workspaceId,
      NodeKey from,
      NodeKey to,
      int maxHops,
      int limit) {
    return new QueryShape(
        name,
        read -> {
          FindPathsRequest request =
              FindPathsRequest.newBuilder()
                  .setFrom(from.toString())
                  .setTo(to.toString())
                  .setDirection(LineageDirection.DOWNSTREAM)
                  .setMaxHops(maxHops)
                  .setLimit(limit)
                  .setRead(read)
                  .build();
          long start = System.nanoTime();
          FindPathsResponse response = lineage.findPaths(request);
          long nanos = System.nanoTime() - start;
          List<String> signature = new ArrayList<>();
          for (LineagePath path : response.getPathsList()) {
            signature.add(
                path.getNodesList().stream()
                    .map(LineageNode::getKey)
                    .collect(Collectors.joining(">")));
          }
          return answer(
              response.getAnsweredBy(), response.getPathsCount(), signature, false, nanos);
        },
        () -> {
          long start = System.nanoTime();
          List<Path> result =
              memory.paths(workspaceId, from, to, Direction.DOWNSTREAM, maxHops, limit);
          long nanos = System.nanoTime() - start;
          List<String> signature = new ArrayList<>();
          for (Path path : result) {
            signature.add(
                path.nodeKeys().stream().map(NodeKey::toString).collect(Collectors.joining(">")));
          }
          return memoryAnswer(result.size(), signature, false, nanos);
        });
  }

  private static Answer answer(
      AnsweredBy by, int nodes, List<String> signature, boolean truncated, long nanos) {
    signature.sort(null);
    return new Answer(by.getEngine(), by.getReason(), nodes, signature, truncated, nanos);
  }

  private static Answer memoryAnswer(
      int nodes, List<String> signature, boolean truncated, long nanos) {
    signature.sort(null);
    return new Answer(
        InMemoryLineageGraph.ENGINE, "in-process", nodes, signature, truncated, nanos);
  }

  private static String nodeSignature(LineageNode node) {
    return node.getKey() + "@" + node.getHops();
  }

  private static String nodeSignature(TraversedNode node) {
    return node.node().key() + "@" + node.hops();
  }

  private static String edgeSignature(LineageEdge edge) {
    return "edge " + edge.getFrom() + "->" + edge.getTo();
  }

  private static String edgeSignature(Edge edge) {
    return "edge " + edge.key();
  }
}
