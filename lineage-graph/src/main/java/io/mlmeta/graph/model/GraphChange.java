package io.mlmeta.graph.model;

import java.util.Objects;

/** One change to the lineage graph. Every change is safe to apply more than once. */
public sealed interface GraphChange {

  /** Creates the node or overwrites all its fields. */
  record UpsertNode(Node node) implements GraphChange {
    public UpsertNode {
      Objects.requireNonNull(node, "node");
    }
  }

  /** Creates the edge or overwrites its time. Both ends must exist, in the same workspace. */
  record UpsertEdge(Edge edge) implements GraphChange {
    public UpsertEdge {
      Objects.requireNonNull(edge, "edge");
    }
  }

  /** Removes the edge if it exists. */
  record DeleteEdge(EdgeKey key) implements GraphChange {
    public DeleteEdge {
      Objects.requireNonNull(key, "key");
    }
  }

  /** Removes the node and every edge touching it, if it exists. */
  record DeleteNode(NodeKey key) implements GraphChange {
    public DeleteNode {
      Objects.requireNonNull(key, "key");
    }
  }
}
