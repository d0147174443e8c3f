/** Nodes, edges, keys and change sets of the lineage graph: plain immutable values. */
package io.mlmeta.graph.model;
