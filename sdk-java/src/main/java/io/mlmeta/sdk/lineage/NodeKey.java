package io.mlmeta.sdk.lineage;

import java.util.Locale;
import java.util.Objects;

/**
 * A parsed node key such as {@code artifact:12} or {@code execution:7}.
 *
 * @param kind artifact or execution
 * @param id the artifact's or execution's id
 */
public record NodeKey(NodeKind kind, long id) {

  /** Checks the parts. */
  public NodeKey {
    Objects.requireNonNull(kind, "kind");
    if (id <= 0) {
      throw new IllegalArgumentException("a node id is positive: " + id);
    }
  }

  /**
   * Parses {@code artifact:<id>}, {@code execution:<id>} or a bare artifact id.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static NodeKey parse(String text) {
    String value = Objects.requireNonNull(text, "text").strip();
    int colon = value.indexOf(':');
    NodeKind kind = NodeKind.ARTIFACT;
    String id = value;
    if (colon >= 0) {
      String prefix = value.substring(0, colon).toLowerCase(Locale.ROOT);
      id = value.substring(colon + 1);
      kind =
          switch (prefix) {
            case "artifact" -> NodeKind.ARTIFACT;
            case "execution" -> NodeKind.EXECUTION;
            default ->
                throw new IllegalArgumentException(
                    "not a node key (artifact:<id> or execution:<id>): " + text);
          };
    }
    try {
      return new NodeKey(kind, Long.parseLong(id));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a node key (artifact:<id> or execution:<id>): " + text, e);
    }
  }

  /** The key as the server writes it, for example {@code artifact:12}. */
  @Override
  public String toString() {
    return kind.key(id);
  }
}
