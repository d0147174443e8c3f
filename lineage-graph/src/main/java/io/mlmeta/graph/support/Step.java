package io.mlmeta.graph.support;

import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;

/** One edge crossed by a walk: from {@code origin} over {@code edge} to {@code neighbour}. */
public record Step(NodeKey origin, Edge edge, Node neighbour) {}
