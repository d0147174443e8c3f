package io.mlmeta.server.domain.error;

/** A request field is missing or malformed. The message starts with the field's name. */
public class InvalidArgumentException extends MetadataException {

  private final String field;

  public InvalidArgumentException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
