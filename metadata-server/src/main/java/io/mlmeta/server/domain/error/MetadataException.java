package io.mlmeta.server.domain.error;

/**
 * Base of the domain errors. Their messages are written for clients: they name the offending field
 * or entity and never carry SQL or stack traces. The API layer maps each subclass to a transport
 * status through one table.
 */
public abstract class MetadataException extends RuntimeException {

  private final String message;

  protected MetadataException(String message) {
    super(message, null, false, false);
    this.message = message;
  }

  /** The client-facing message; never null, unlike {@link Throwable#getMessage()}. */
  @Override
  public String getMessage() {
    return message;
  }
}
