package io.mlmeta.server.api.grpc;

import static io.mlmeta.server.api.grpc.GrpcCalls.unary;

import io.grpc.stub.StreamObserver;
import io.mlmeta.graph.Path;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.proto.v1.FindPathsRequest;
import io.mlmeta.proto.v1.FindPathsResponse;
import io.mlmeta.proto.v1.GetImpactRequest;
import io.mlmeta.proto.v1.GetImpactResponse;
import io.mlmeta.proto.v1.GetLineageRequest;
import io.mlmeta.proto.v1.GetLineageResponse;
import io.mlmeta.proto.v1.ImpactGroup;
import io.mlmeta.proto.v1.LineagePath;
import io.mlmeta.proto.v1.LineageServiceGrpc;
import io.mlmeta.proto.v1.ReadOptions;
import io.mlmeta.server.api.grpc.mapper.LineageProtoMapper;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.service.LineageQueryService;
import io.mlmeta.server.service.LineageQueryService.Walk;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Lineage queries over gRPC: maps the request, calls the query service, maps the answer. */
@GrpcService
@Blocking
public class LineageGrpcService extends LineageServiceGrpc.LineageServiceImplBase {

  private static final int DEFAULT_HOPS = 10;
  private static final int DEFAULT_IMPACT_HOPS = 50;
  private static final int DEFAULT_PAGE = 100;

  @Inject LineageQueryService lineage;

  @Override
  public void getLineage(GetLineageRequest r, StreamObserver<GetLineageResponse> response) {
    unary(
        response,
        () -> {
          LineageQueryService.Answer<TraversalResult> answer =
              lineage.traverse(
                  new Walk(
                      r.getStart().getArtifactIdsList(),
                      r.getStart().getExecutionIdsList(),
                      LineageProtoMapper.direction(r.getDirection(), Direction.UPSTREAM),
                      r.hasMaxHops() ? r.getMaxHops() : DEFAULT_HOPS,
                      LineageProtoMapper.filter(r.getFilter()),
                      r.hasStopAt()
                          ? Optional.of(LineageProtoMapper.filter(r.getStopAt()))
                          : Optional.empty(),
                      r.getPageSize() == 0 ? DEFAULT_PAGE : r.getPageSize(),
                      r.getPageToken(),
                      budget(r.getRead()),
                      r.getRead().getEngine(),
                      r.getRead().getMinPosition()));
          TraversalResult result = answer.result();
          return GetLineageResponse.newBuilder()
              .addAllNodes(result.nodes().stream().map(LineageProtoMapper::node).toList())
              .addAllEdges(result.edges().stream().map(LineageProtoMapper::edge).toList())
              .setTruncated(result.truncated())
              .setTruncation(result.truncation().name())
              .setNextPageToken(result.nextCursor().orElse(""))
              .setAnsweredBy(LineageProtoMapper.answeredBy(answer))
              .build();
        });
  }

  @Override
  public void getImpact(GetImpactRequest r, StreamObserver<GetImpactResponse> response) {
    unary(
        response,
        () -> {
          LineageQueryService.Answer<LineageQueryService.Impact> answer =
              lineage.impact(
                  new Walk(
                      r.getStart().getArtifactIdsList(),
                      r.getStart().getExecutionIdsList(),
                      Direction.DOWNSTREAM,
                      r.hasMaxHops() ? r.getMaxHops() : DEFAULT_IMPACT_HOPS,
                      LineageProtoMapper.filter(r.getFilter()),
                      Optional.empty(),
                      DEFAULT_PAGE,
                      null,
                      budget(r.getRead()),
                      r.getRead().getEngine(),
                      r.getRead().getMinPosition()));
          GetImpactResponse.Builder builder =
              GetImpactResponse.newBuilder()
                  .setTotal(answer.result().total())
                  .setTruncated(answer.result().truncated())
                  .setAnsweredBy(LineageProtoMapper.answeredBy(answer));
          answer
              .result()
              .byType()
              .forEach(
                  (type, nodes) ->
                      builder.addGroups(
                          ImpactGroup.newBuilder()
                              .setType(type)
                              .addAllNodes(nodes.stream().map(LineageProtoMapper::node).toList())));
          return builder.build();
        });
  }

  @Override
  public void findPaths(FindPathsRequest r, StreamObserver<FindPathsResponse> response) {
    unary(
        response,
        () -> {
          LineageQueryService.Answer<List<Path>> answer =
              lineage.paths(
                  key("from", r.getFrom()),
                  key("to", r.getTo()),
                  LineageProtoMapper.direction(r.getDirection(), Direction.BOTH),
                  r.hasMaxHops() ? r.getMaxHops() : 20,
                  r.getLimit() == 0 ? 10 : r.getLimit(),
                  r.getRead().getEngine(),
                  r.getRead().getMinPosition());
          FindPathsResponse.Builder builder =
              FindPathsResponse.newBuilder().setAnsweredBy(LineageProtoMapper.answeredBy(answer));
          for (Path path : answer.result()) {
            LineagePath.Builder mapped = LineagePath.newBuilder();
            for (int i = 0; i < path.nodes().size(); i++) {
              mapped.addNodes(LineageProtoMapper.node(path.nodes().get(i), i));
            }
            path.edges().forEach(edge -> mapped.addEdges(LineageProtoMapper.edge(edge)));
            builder.addPaths(mapped);
          }
          return builder.build();
        });
  }

  private static java.time.Duration budget(ReadOptions read) {
    return LineageProtoMapper.duration(read.getTimeBudget(), read.hasTimeBudget());
  }

  private static NodeKey key(String field, String key) {
    try {
      return NodeKey.parse(key);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(
          field, "is not a node key like artifact:12; got '" + key + "'");
    }
  }
}
