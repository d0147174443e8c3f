/** {@code mlmeta lineage}: lineage walks as a table, JSON or Graphviz dot. */
package io.mlmeta.cli.lineage;
