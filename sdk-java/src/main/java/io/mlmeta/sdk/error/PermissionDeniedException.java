package io.mlmeta.sdk.error;

/**
 * The caller is identified but lacks the role the call needs ({@code PERMISSION_DENIED}): for
 * example a reader writing, or a non-admin registering a type. Never retried; an owner of the
 * workspace (or an admin) can grant the role.
 */
public class PermissionDeniedException extends MetadataException {

  private static final long serialVersionUID = 1L;

  /** An error with the server's message. */
  public PermissionDeniedException(String message, Throwable cause) {
    super(ErrorCode.PERMISSION_DENIED, message, cause);
  }
}
