package io.mlmeta.server.domain.error;

/**
 * The request did not identify its caller in a way this server accepts: no credentials where they
 * are required, or identity headers from an address that is not a trusted proxy.
 */
public class UnauthenticatedException extends MetadataException {

  public UnauthenticatedException(String message) {
    super(message);
  }
}
