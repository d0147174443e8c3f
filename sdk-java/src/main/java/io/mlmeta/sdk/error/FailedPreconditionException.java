package io.mlmeta.sdk.error;

/**
 * The request is valid but not in the current state, for example an illegal state transition or an
 * incompatible type change ({@code FAILED_PRECONDITION}).
 */
public class FailedPreconditionException extends MetadataException {

  private static final long serialVersionUID = 1L;

  /** An error with the server's message. */
  public FailedPreconditionException(String message, Throwable cause) {
    super(ErrorCode.FAILED_PRECONDITION, message, cause);
  }
}
