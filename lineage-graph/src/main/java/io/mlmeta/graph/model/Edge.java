package io.mlmeta.graph.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An edge in data-flow direction: an {@link EdgeType#INPUT} event is artifact -> execution, an
 * {@link EdgeType#OUTPUT} event is execution -> artifact.
 *
 * @param from the end the data flows out of
 * @param to the end the data flows into
 * @param type the event type; must agree with the kinds of the ends
 * @param time when the event happened
 */
public record Edge(NodeKey from, NodeKey to, EdgeType type, Instant time) {

  public Edge {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    if (from.kind() != type.fromKind() || to.kind() != type.toKind()) {
      throw new IllegalArgumentException(
          type
              + " edges run "
              + type.fromKind()
              + " -> "
              + type.toKind()
              + ", not "
              + from
              + " -> "
              + to);
    }
  }

  /** An INPUT edge: {@code execution} read {@code artifact}. */
  public static Edge input(NodeKey artifact, NodeKey execution, Instant time) {
    return new Edge(artifact, execution, EdgeType.INPUT, time);
  }

  /** An OUTPUT edge: {@code execution} wrote {@code artifact}. */
  public static Edge output(NodeKey execution, NodeKey artifact, Instant time) {
    return new Edge(execution, artifact, EdgeType.OUTPUT, time);
  }

  public EdgeKey key() {
    return new EdgeKey(from, to);
  }

  /** The end of this edge that is not {@code end}. */
  public NodeKey otherEnd(NodeKey end) {
    if (end.equals(from)) {
      return to;
    }
    if (end.equals(to)) {
      return from;
    }
    throw new IllegalArgumentException(end + " is not an end of " + key());
  }
}
