package io.mlmeta.graph.model;

/**
 * The event an edge records. Edges point in data-flow direction, so the type follows from the kinds
 * of the edge's ends.
 */
public enum EdgeType {
  /** The execution read the artifact: edge artifact -> execution. */
  INPUT(NodeKind.ARTIFACT, NodeKind.EXECUTION),
  /** The execution wrote the artifact: edge execution -> artifact. */
  OUTPUT(NodeKind.EXECUTION, NodeKind.ARTIFACT);

  private final NodeKind fromKind;
  private final NodeKind toKind;

  EdgeType(NodeKind fromKind, NodeKind toKind) {
    this.fromKind = fromKind;
    this.toKind = toKind;
  }

  public NodeKind fromKind() {
    return fromKind;
  }

  public NodeKind toKind() {
    return toKind;
  }

  /** The type of an edge whose data flows out of a node of kind {@code fromKind}. */
  public static EdgeType flowingFrom(NodeKind fromKind) {
    return fromKind == NodeKind.ARTIFACT ? INPUT : OUTPUT;
  }
}
