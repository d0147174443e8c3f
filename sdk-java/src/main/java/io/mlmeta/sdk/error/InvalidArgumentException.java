package io.mlmeta.sdk.error;

/**
 * A request field is missing or malformed ({@code INVALID_ARGUMENT}). The server's message starts
 * with the field's path, for example {@code outputs[0].new_artifact.properties.uri: is required};
 * {@link #field()} returns that path.
 */
public class InvalidArgumentException extends MetadataException {

  private static final long serialVersionUID = 1L;

  /** An error with the server's message. */
  public InvalidArgumentException(String message, Throwable cause) {
    super(ErrorCode.INVALID_ARGUMENT, message, cause);
  }

  /** The path of the offending field, or an empty string when the message names none. */
  public String field() {
    String message = getMessage();
    if (message == null) {
      return "";
    }
    int colon = message.indexOf(": ");
    if (colon <= 0 || message.substring(0, colon).contains(" ")) {
      return "";
    }
    return message.substring(0, colon);
  }
}
