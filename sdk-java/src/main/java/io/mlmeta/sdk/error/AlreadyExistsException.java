package io.mlmeta.sdk.error;

/** The name or external id is already taken ({@code ALREADY_EXISTS}). */
public class AlreadyExistsException extends MetadataException {

  private static final long serialVersionUID = 1L;

  /** An error with the server's message. */
  public AlreadyExistsException(String message, Throwable cause) {
    super(ErrorCode.ALREADY_EXISTS, message, cause);
  }
}
