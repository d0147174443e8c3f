package io.mlmeta.server.api.grpc;

import static io.mlmeta.server.api.grpc.GrpcCalls.unary;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.mlmeta.graph.Path;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.proto.v1.FindPathsRequest;
import io.mlmeta.proto.v1.FindPathsResponse;
import io.mlmeta.proto.v1.GetImpactRequest;
import io.mlmeta.proto.v1.GetImpactResponse;
import io.mlmeta.proto.v1.GetLineageRequest;
import io.mlmeta.proto.v1.GetLineageResponse;
import io.mlmeta.proto.v1.ImpactGroup;
import io.mlmeta.proto.v1.LineagePath;
import io.mlmeta.proto.v1.LineageServiceGrpc;
import io.mlmeta.proto.v1.LineageStart;
import io.mlmeta.proto.v1.ReadOptions;
import io.mlmeta.server.api.grpc.mapper.LineageProtoMapper;
import io.mlmeta.server.api.grpc.mapper.ProtoMapper;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.lineage.LineageAnswer;
import io.mlmeta.server.service.LineageQueryService;
import io.mlmeta.server.service.LineageRequest;
import io.mlmeta.server.service.LineageRequest.Start;
import io.mlmeta.server.service.PathsRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.List;

/** Lineage queries over gRPC: maps the request, calls the query service, maps the answer. */
@GrpcService
@Blocking
public class LineageGrpcService implements BindableService, LineageServiceGrpc.AsyncService {

  @Inject CallerIdentity caller;
  @Inject LineageQueryService lineage;

  @Override
  public ServerServiceDefinition bindService() {
    return TolerantRequests.wrap(LineageServiceGrpc.bindService(this));
  }

  @Override
  public void getLineage(GetLineageRequest r, StreamObserver<GetLineageResponse> response) {
    unary(
        response,
        () -> {
          LineageAnswer<TraversalResult> answer =
              lineage.traverse(
                  caller.principal(),
                  LineageRequest.walk(start(r.getStart()))
                      .direction(LineageProtoMapper.direction(r.getDirection(), null))
                      .maxHops(r.hasMaxHops() ? r.getMaxHops() : null)
                      .filter(LineageProtoMapper.filter(r.getFilter()))
                      .stopAt(r.hasStopAt() ? LineageProtoMapper.filter(r.getStopAt()) : null)
                      .pageSize(r.getPageSize() == 0 ? null : r.getPageSize())
                      .cursor(r.getPageToken())
                      .timeBudget(budget(r.getRead()))
                      .engine(r.getRead().getEngine())
                      .minPosition(r.getRead().getMinPosition())
                      .build());
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
          LineageAnswer<LineageQueryService.Impact> answer =
              lineage.impact(
                  caller.principal(),
                  LineageRequest.impact(start(r.getStart()))
                      .maxHops(r.hasMaxHops() ? r.getMaxHops() : null)
                      .filter(LineageProtoMapper.filter(r.getFilter()))
                      .timeBudget(budget(r.getRead()))
                      .engine(r.getRead().getEngine())
                      .minPosition(r.getRead().getMinPosition())
                      .build());
          GetImpactResponse.Builder builder =
              GetImpactResponse.newBuilder()
                  .setTotal(answer.result().total())
                  .setTruncated(answer.result().truncated())
                  .setAnsweredBy(LineageProtoMapper.answeredBy(answer))
                  .setRedacted(answer.result().redacted().size())
                  .addAllRedactedNodes(
                      answer.result().redacted().stream().map(LineageProtoMapper::node).toList());
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
          LineageAnswer<List<Path>> answer =
              lineage.paths(
                  caller.principal(),
                  PathsRequest.between(
                      r.getFrom(),
                      r.getTo(),
                      LineageProtoMapper.direction(r.getDirection(), null),
                      r.hasMaxHops() ? r.getMaxHops() : null,
                      r.getLimit() == 0 ? null : r.getLimit(),
                      r.getRead().getEngine(),
                      r.getRead().getMinPosition()));
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

  private static Start start(LineageStart start) {
    return Start.ids(start.getArtifactIdsList(), start.getExecutionIdsList())
        .selecting(
            start.getWorkspace(),
            start.hasArtifacts() ? ProtoMapper.toDomain(start.getArtifacts()) : null,
            start.hasExecutions() ? ProtoMapper.toDomain(start.getExecutions()) : null);
  }

  private static java.time.Duration budget(ReadOptions read) {
    return LineageProtoMapper.duration(read.getTimeBudget(), read.hasTimeBudget());
  }
}
