package io.mlmeta.sdk.error;

/**
 * A concurrent write conflicted ({@code ABORTED}); the same call may be retried, and the SDK does
 * so by itself.
 */
public class ConflictException extends MetadataException {

  private static final long serialVersionUID = 1L;

  /** An error with the server's message. */
  public ConflictException(String message, Throwable cause) {
    super(ErrorCode.ABORTED, message, cause);
  }
}
