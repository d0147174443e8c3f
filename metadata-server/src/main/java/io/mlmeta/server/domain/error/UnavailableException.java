package io.mlmeta.server.domain.error;

/**
 * The database could not be reached or went away during the call; nothing was written and the same
 * call may succeed when retried.
 */
public class UnavailableException extends MetadataException {

  public UnavailableException(String message) {
    super(message);
  }
}
