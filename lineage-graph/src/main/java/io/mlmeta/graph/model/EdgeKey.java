package io.mlmeta.graph.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * The identity of an edge: its two ends in data-flow direction. One end is an artifact and the
 * other an execution, so the {@link #type()} follows from the ends. Canonical string form: {@code
 * artifact:1->execution:2}. Ordered by {@code from}, then {@code to}.
 */
public record EdgeKey(NodeKey from, NodeKey to) implements Comparable<EdgeKey> {

  private static final String ARROW = "->";
  private static final Comparator<EdgeKey> ORDER =
      Comparator.comparing(EdgeKey::from).thenComparing(EdgeKey::to);

  public EdgeKey {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.kind() == to.kind()) {
      throw new IllegalArgumentException(
          "an edge joins an artifact and an execution, not " + from + " and " + to);
    }
  }

  public EdgeType type() {
    return EdgeType.flowingFrom(from.kind());
  }

  public static EdgeKey parse(String text) {
    Objects.requireNonNull(text, "text");
    int arrow = text.indexOf(ARROW);
    if (arrow < 0) {
      throw new IllegalArgumentException("not an edge key (expected from->to): " + text);
    }
    return new EdgeKey(
        NodeKey.parse(text.substring(0, arrow)), NodeKey.parse(text.substring(arrow + 2)));
  }

  @Override
  public int compareTo(EdgeKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return from + ARROW + to;
  }
}
