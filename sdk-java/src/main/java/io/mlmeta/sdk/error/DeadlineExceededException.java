package io.mlmeta.sdk.error;

/** The call did not finish within its deadline ({@code DEADLINE_EXCEEDED}). */
public class DeadlineExceededException extends MetadataException {

  private static final long serialVersionUID = 1L;

  /** An error with the server's message. */
  public DeadlineExceededException(String message, Throwable cause) {
    super(ErrorCode.DEADLINE_EXCEEDED, message, cause);
  }
}
