package io.mlmeta.graph.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * The stable identity of a node: its kind and the id the metadata store assigned to it.
 *
 * <p>The canonical string form is {@code artifact:<id>} or {@code execution:<id>}. Keys are ordered
 * by kind (artifacts first) and then by id; traversal pages and key listings use this order.
 */
public record NodeKey(NodeKind kind, long id) implements Comparable<NodeKey> {

  private static final Comparator<NodeKey> ORDER =
      Comparator.comparing(NodeKey::kind).thenComparingLong(NodeKey::id);

  public NodeKey {
    Objects.requireNonNull(kind, "kind");
    if (id <= 0) {
      throw new IllegalArgumentException("node id must be positive: " + id);
    }
  }

  public static NodeKey artifact(long id) {
    return new NodeKey(NodeKind.ARTIFACT, id);
  }

  public static NodeKey execution(long id) {
    return new NodeKey(NodeKind.EXECUTION, id);
  }

  /** Parses the canonical string form produced by {@link #toString()}. */
  public static NodeKey parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a node key (expected kind:id): " + text);
    }
    NodeKind kind = NodeKind.fromPrefix(text.substring(0, colon));
    long id;
    try {
      id = Long.parseLong(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a node key (id is not a number): " + text, e);
    }
    return new NodeKey(kind, id);
  }

  @Override
  public int compareTo(NodeKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind.prefix() + ':' + id;
  }
}
