package io.mlmeta.server.api.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mlmeta.server.api.error.ErrorTable;
import java.util.function.Supplier;

/** Completes a unary call with the result, or with the status the error table gives. */
final class GrpcCalls {

  private GrpcCalls() {}

  static <T> void unary(StreamObserver<T> response, Supplier<T> call) {
    T result;
    try {
      result = call.get();
    } catch (RuntimeException e) {
      response.onError(toStatus(e));
      return;
    }
    response.onNext(result);
    response.onCompleted();
  }

  static StatusRuntimeException toStatus(Throwable error) {
    ErrorTable.ClientError client = ErrorTable.describe(error);
    return Status.fromCode(client.code().grpc())
        .withDescription(client.message())
        .asRuntimeException();
  }
}
