package io.mlmeta.sdk.error;

/**
 * The error codes of the mlmeta API: the standard gRPC status codes, named as the server names
 * them. {@link #ABORTED} is the server's retryable "concurrent write conflicted" code.
 */
public enum ErrorCode {
  CANCELLED,
  UNKNOWN,
  INVALID_ARGUMENT,
  DEADLINE_EXCEEDED,
  NOT_FOUND,
  ALREADY_EXISTS,
  PERMISSION_DENIED,
  RESOURCE_EXHAUSTED,
  FAILED_PRECONDITION,
  ABORTED,
  OUT_OF_RANGE,
  UNIMPLEMENTED,
  INTERNAL,
  UNAVAILABLE,
  DATA_LOSS,
  UNAUTHENTICATED
}
