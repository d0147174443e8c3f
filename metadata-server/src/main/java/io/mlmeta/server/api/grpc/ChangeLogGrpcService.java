package io.mlmeta.server.api.grpc;

import static io.mlmeta.server.api.grpc.GrpcCalls.unary;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.Change;
import io.mlmeta.proto.v1.ChangeLogProblem;
import io.mlmeta.proto.v1.ChangeLogServiceGrpc;
import io.mlmeta.proto.v1.ChangeLogVerification;
import io.mlmeta.proto.v1.ListChangesRequest;
import io.mlmeta.proto.v1.ListChangesResponse;
import io.mlmeta.proto.v1.VerifyChangeLogRequest;
import io.mlmeta.server.api.grpc.mapper.ProtoMapper;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.changelog.ChangeHistory;
import io.mlmeta.server.changelog.ChangeLogVerifier;
import io.mlmeta.server.changelog.ChangeLogVerifier.Verification;
import io.mlmeta.server.domain.ChangeRecord;
import io.mlmeta.server.domain.Page;
import io.mlmeta.server.domain.PageRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;

/** The change log over gRPC. */
@GrpcService
@Blocking
public class ChangeLogGrpcService implements BindableService, ChangeLogServiceGrpc.AsyncService {

  @Inject CallerIdentity caller;
  @Inject ChangeLogVerifier verifier;
  @Inject ChangeHistory histories;

  @Override
  public ServerServiceDefinition bindService() {
    return TolerantRequests.wrap(ChangeLogServiceGrpc.bindService(this));
  }

  @Override
  public void listChanges(ListChangesRequest r, StreamObserver<ListChangesResponse> response) {
    unary(
        response,
        () -> {
          ChangeHistory.Subject subject =
              new ChangeHistory.Subject(
                  r.hasArtifactId() ? r.getArtifactId() : null,
                  r.hasExecutionId() ? r.getExecutionId() : null,
                  r.hasContextId() ? r.getContextId() : null,
                  r.hasWorkspace() ? r.getWorkspace() : null);
          Page<ChangeRecord> page =
              histories
                  .history(
                      caller.principal(),
                      subject,
                      new PageRequest(
                          r.getPageSize(), r.getPageToken().isEmpty() ? null : r.getPageToken()))
                  .page();
          ListChangesResponse.Builder answer =
              ListChangesResponse.newBuilder()
                  .setNextPageToken(page.nextPageToken() == null ? "" : page.nextPageToken());
          page.items().forEach(change -> answer.addChanges(change(change)));
          return answer.build();
        });
  }

  private static Change change(ChangeRecord r) {
    return Change.newBuilder()
        .setSequence(r.sequence())
        .setRecordedAt(ProtoMapper.timestamp(r.recordedAt()))
        .setPrincipal(r.principal() == null ? "" : r.principal())
        .setRequestId(r.requestId() == null ? "" : r.requestId())
        .setOperation(r.operation())
        .setEntity(r.entity())
        .addAllEntityKeys(r.entityKeys())
        .setWorkspaceId(r.workspaceId() == null ? 0 : r.workspaceId())
        .setOldDigest(r.oldDigest() == null ? "" : r.oldDigest())
        .setNewDigest(r.newDigest() == null ? "" : r.newDigest())
        .setChainPosition(r.chainPosition() == null ? 0 : r.chainPosition())
        .build();
  }

  @Override
  public void verifyChangeLog(
      VerifyChangeLogRequest r, StreamObserver<ChangeLogVerification> response) {
    unary(
        response,
        () -> {
          Verification verification = verifier.verify(caller.principal());
          ChangeLogVerification.Builder answer =
              ChangeLogVerification.newBuilder()
                  .setIntact(verification.intact())
                  .setVerifiedEntries(verification.verifiedEntries())
                  .setUnsealedEntries(verification.unsealedEntries())
                  .setProblemCount(verification.problemCount());
          verification
              .problems()
              .forEach(
                  p ->
                      answer.addProblems(
                          ChangeLogProblem.newBuilder()
                              .setPosition(p.position())
                              .setSequence(p.sequence())
                              .setProblem(p.problem())));
          return answer.build();
        });
  }
}
