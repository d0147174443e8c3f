package io.mlmeta.server.domain.error;

import java.util.Objects;

/**
 * Base of the domain errors. Their messages are written for clients: they name the offending field
 * or entity and never carry SQL or stack traces. The API layer maps each subclass to a transport
 * status through one table.
 */
public abstract class MetadataException extends RuntimeException {

  protected MetadataException(String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
  }

  /** The client-facing message; never null, as the constructor requires one. */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }
}
