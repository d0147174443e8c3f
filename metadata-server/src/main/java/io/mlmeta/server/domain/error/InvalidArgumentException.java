package io.mlmeta.server.domain.error;

/** A request field is missing or malformed. The message starts with the field's name. */
public class InvalidArgumentException extends MetadataException {

  private final String field;
  private final String problem;

  public InvalidArgumentException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  public String field() {
    return field;
  }

  /**
   * The same problem with the field named from an enclosing request, e.g. {@code executions[3].}.
   */
  public InvalidArgumentException prefixed(String prefix) {
    return new InvalidArgumentException(prefix + field, problem);
  }
}
