package io.mlmeta.server.domain.error;

/** The entity a request creates exists already (a name or key is taken). */
public class AlreadyExistsException extends MetadataException {

  public AlreadyExistsException(String message) {
    super(message);
  }
}
