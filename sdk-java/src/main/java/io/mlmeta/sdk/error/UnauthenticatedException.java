package io.mlmeta.sdk.error;

/**
 * The server could not identify the caller ({@code UNAUTHENTICATED}): no token where one is needed,
 * or a token that is malformed, expired, revoked or not signed by a trusted issuer, or identity
 * headers from an address the server does not trust. Never retried: the same credentials give the
 * same answer.
 */
public class UnauthenticatedException extends MetadataException {

  private static final long serialVersionUID = 1L;

  /** An error with the server's message. */
  public UnauthenticatedException(String message, Throwable cause) {
    super(ErrorCode.UNAUTHENTICATED, message, cause);
  }
}
