package io.mlmeta.sdk.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mlmeta.sdk.error.AlreadyExistsException;
import io.mlmeta.sdk.error.ConflictException;
import io.mlmeta.sdk.error.DeadlineExceededException;
import io.mlmeta.sdk.error.ErrorCode;
import io.mlmeta.sdk.error.FailedPreconditionException;
import io.mlmeta.sdk.error.InvalidArgumentException;
import io.mlmeta.sdk.error.MetadataException;
import io.mlmeta.sdk.error.NotFoundException;
import io.mlmeta.sdk.error.PermissionDeniedException;
import io.mlmeta.sdk.error.UnauthenticatedException;
import io.mlmeta.sdk.error.UnavailableException;

/** The one table from gRPC status to SDK exception. Internal to the SDK. */
public final class Errors {

  private Errors() {}

  /** The SDK exception of a failed call. */
  public static MetadataException map(Throwable error) {
    Status status = Status.fromThrowable(error);
    String message =
        status.getDescription() != null
            ? status.getDescription()
            : status.getCode() + (status.getCause() != null ? ": " + status.getCause() : "");
    return switch (status.getCode()) {
      case NOT_FOUND -> new NotFoundException(message, error);
      case ALREADY_EXISTS -> new AlreadyExistsException(message, error);
      case INVALID_ARGUMENT -> new InvalidArgumentException(message, error);
      case FAILED_PRECONDITION -> new FailedPreconditionException(message, error);
      case ABORTED -> new ConflictException(message, error);
      case UNAVAILABLE -> new UnavailableException(message, error);
      case DEADLINE_EXCEEDED -> new DeadlineExceededException(message, error);
      case UNAUTHENTICATED -> new UnauthenticatedException(message, error);
      case PERMISSION_DENIED -> new PermissionDeniedException(message, error);
      case OK -> new MetadataException(ErrorCode.UNKNOWN, message, error);
      default -> new MetadataException(ErrorCode.valueOf(status.getCode().name()), message, error);
    };
  }

  /**
   * Whether the status is one the SDK may retry: always ABORTED and UNAVAILABLE, and a deadline
   * when idempotent.
   */
  static boolean retryable(StatusRuntimeException error, boolean idempotent) {
    return switch (error.getStatus().getCode()) {
      case ABORTED -> true;
      case UNAVAILABLE, DEADLINE_EXCEEDED -> idempotent;
      default -> false;
    };
  }
}
