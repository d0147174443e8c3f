package io.mlmeta.server.domain.error;

/**
 * The request is valid but the system is not in a state to accept it: an illegal state transition,
 * an incompatible type change.
 */
public class FailedPreconditionException extends MetadataException {

  public FailedPreconditionException(String message) {
    super(message);
  }
}
