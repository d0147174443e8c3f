package io.mlmeta.sdk.error;

/**
 * The server could not be reached ({@code UNAVAILABLE}); the SDK retries this by itself before
 * reporting it.
 */
public class UnavailableException extends MetadataException {

  private static final long serialVersionUID = 1L;

  /** An error with the server's message. */
  public UnavailableException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, cause);
  }
}
