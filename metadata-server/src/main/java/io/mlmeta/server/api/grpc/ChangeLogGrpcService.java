package io.mlmeta.server.api.grpc;

import static io.mlmeta.server.api.grpc.GrpcCalls.unary;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.ChangeLogProblem;
import io.mlmeta.proto.v1.ChangeLogServiceGrpc;
import io.mlmeta.proto.v1.ChangeLogVerification;
import io.mlmeta.proto.v1.VerifyChangeLogRequest;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.changelog.ChangeLogVerifier;
import io.mlmeta.server.changelog.ChangeLogVerifier.Verification;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;

/** The change log over gRPC. */
@GrpcService
@Blocking
public class ChangeLogGrpcService implements BindableService, ChangeLogServiceGrpc.AsyncService {

  @Inject CallerIdentity caller;
  @Inject ChangeLogVerifier verifier;

  @Override
  public ServerServiceDefinition bindService() {
    return TolerantRequests.wrap(ChangeLogServiceGrpc.bindService(this));
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
