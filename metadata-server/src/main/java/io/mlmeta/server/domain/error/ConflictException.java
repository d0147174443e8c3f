package io.mlmeta.server.domain.error;

/** A concurrent write conflicted with this one; retrying is safe. */
public class ConflictException extends MetadataException {

  public ConflictException(String message) {
    super(message);
  }
}
