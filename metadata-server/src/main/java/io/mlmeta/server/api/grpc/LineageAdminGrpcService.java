package io.mlmeta.server.api.grpc;

import static io.mlmeta.server.api.grpc.GrpcCalls.unary;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.CheckMirrorRequest;
import io.mlmeta.proto.v1.CheckMirrorResponse;
import io.mlmeta.proto.v1.GetMirrorStatusRequest;
import io.mlmeta.proto.v1.LineageAdminServiceGrpc;
import io.mlmeta.proto.v1.MirrorStatus;
import io.mlmeta.proto.v1.RebuildMirrorRequest;
import io.mlmeta.proto.v1.RebuildMirrorResponse;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.lineage.MirrorAdmin;
import io.mlmeta.server.lineage.MirrorReport;
import io.mlmeta.server.lineage.RebuildReport;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;

/** Administration of the Neo4j lineage mirror over gRPC. */
@GrpcService
@Blocking
public class LineageAdminGrpcService
    implements BindableService, LineageAdminServiceGrpc.AsyncService {

  @Inject CallerIdentity caller;
  @Inject MirrorAdmin admin;

  @Override
  public ServerServiceDefinition bindService() {
    return TolerantRequests.wrap(LineageAdminServiceGrpc.bindService(this));
  }

  @Override
  public void getMirrorStatus(GetMirrorStatusRequest r, StreamObserver<MirrorStatus> response) {
    unary(
        response,
        () -> {
          var status = admin.status(caller.principal());
          return MirrorStatus.newBuilder()
              .setConfigured(status.configured())
              .setReachable(status.reachable())
              .setLeader(status.leader())
              .setMirrorPosition(status.mirrorPosition())
              .setLatestPosition(status.latestPosition())
              .setLagRows(status.lagRows())
              .setLastError(status.lastError() == null ? "" : status.lastError())
              .build();
        });
  }

  @Override
  public void rebuildMirror(
      RebuildMirrorRequest r, StreamObserver<RebuildMirrorResponse> response) {
    unary(
        response,
        () -> {
          RebuildReport report = admin.rebuild(caller.principal());
          return RebuildMirrorResponse.newBuilder()
              .setNodes(report.nodes())
              .setEdges(report.edges())
              .setPosition(report.position())
              .setMillis(report.millis())
              .build();
        });
  }

  @Override
  public void checkMirror(CheckMirrorRequest r, StreamObserver<CheckMirrorResponse> response) {
    unary(
        response,
        () -> {
          MirrorReport report =
              r.getRepair() ? admin.repair(caller.principal()) : admin.check(caller.principal());
          return CheckMirrorResponse.newBuilder()
              .setConsistent(report.consistent())
              .setStoreNodes(report.storeNodes())
              .setMirrorNodes(report.mirrorNodes())
              .setStoreEdges(report.storeEdges())
              .setMirrorEdges(report.mirrorEdges())
              .setMissingNodes(report.missingNodes())
              .setExtraNodes(report.extraNodes())
              .setDifferentNodes(report.differentNodes())
              .setMissingEdges(report.missingEdges())
              .setExtraEdges(report.extraEdges())
              .addAllSample(report.sample())
              .setMirrorPosition(report.mirrorPosition())
              .setLatestPosition(report.latestPosition())
              .setRepaired(report.repaired())
              .build();
        });
  }
}
