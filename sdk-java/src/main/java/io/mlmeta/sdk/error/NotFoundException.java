package io.mlmeta.sdk.error;

/** The workspace, type or entity named by the request does not exist ({@code NOT_FOUND}). */
public class NotFoundException extends MetadataException {

  private static final long serialVersionUID = 1L;

  /** An error with the server's message. */
  public NotFoundException(String message, Throwable cause) {
    super(ErrorCode.NOT_FOUND, message, cause);
  }
}
