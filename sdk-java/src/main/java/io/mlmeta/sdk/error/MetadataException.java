package io.mlmeta.sdk.error;

/**
 * Base of every error the SDK reports. {@link #code()} mirrors the server's gRPC status code; the
 * message is the server's (for invalid arguments it starts with the field's name). Codes without a
 * dedicated subclass (for example {@link ErrorCode#INTERNAL}) are reported as this class.
 */
public class MetadataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** An error with the given code and message. */
  public MetadataException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The server's (or the transport's) status code. */
  public ErrorCode code() {
    return code;
  }

  /**
   * Whether repeating the same call may succeed: the server was unreachable, busy or conflicted.
   */
  public boolean isRetryable() {
    return code == ErrorCode.UNAVAILABLE
        || code == ErrorCode.ABORTED
        || code == ErrorCode.DEADLINE_EXCEEDED;
  }
}
