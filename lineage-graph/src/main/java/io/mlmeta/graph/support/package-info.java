/**
 * Building blocks the engines share so that they page, cut and order results identically: the
 * cursor format, the pager, a level-by-level walk over any {@link
 * io.mlmeta.graph.support.NeighbourSource} and the shortest-path search. Not part of the port.
 */
package io.mlmeta.graph.support;
