/** {@code mlmeta graph}: status, rebuild and check of the Neo4j lineage mirror. */
package io.mlmeta.cli.graph;
