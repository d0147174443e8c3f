package io.mlmeta.server.domain.error;

/**
 * The caller is identified but its roles do not allow the operation. Where the mere existence of
 * the thing asked for would leak (a workspace the caller cannot read), services answer {@link
 * NotFoundException} instead.
 */
public class PermissionDeniedException extends MetadataException {

  public PermissionDeniedException(String message) {
    super(message);
  }
}
