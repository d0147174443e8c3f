package io.mlmeta.server.domain.error;

/** The entity a request names does not exist. */
public class NotFoundException extends MetadataException {

  public NotFoundException(String message) {
    super(message);
  }

  public static NotFoundException of(String kind, Object key) {
    return new NotFoundException(kind + " " + key + " does not exist");
  }
}
