package io.mlmeta.server.api.error;

import io.grpc.Status;

/**
 * The one table from error kind to transport status. gRPC clients see {@link #grpc}, GraphQL
 * clients see {@code extensions.code} = {@link #name()}, HTTP clients see {@link #httpStatus}.
 */
public enum ErrorCode {
  NOT_FOUND(Status.Code.NOT_FOUND, 404),
  ALREADY_EXISTS(Status.Code.ALREADY_EXISTS, 409),
  INVALID_ARGUMENT(Status.Code.INVALID_ARGUMENT, 400),
  FAILED_PRECONDITION(Status.Code.FAILED_PRECONDITION, 412),
  CONFLICT(Status.Code.ABORTED, 409),
  UNAVAILABLE(Status.Code.UNAVAILABLE, 503),
  UNAUTHENTICATED(Status.Code.UNAUTHENTICATED, 401),
  /** GraphQL's conventional name for a caller that is known but not allowed. */
  FORBIDDEN(Status.Code.PERMISSION_DENIED, 403),
  INTERNAL(Status.Code.INTERNAL, 500);

  private final Status.Code grpc;
  private final int httpStatus;

  ErrorCode(Status.Code grpc, int httpStatus) {
    this.grpc = grpc;
    this.httpStatus = httpStatus;
  }

  public Status.Code grpc() {
    return grpc;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
