/** The Neo4j engine: the mirror that users can explore with Neo4j's own tools. */
package io.mlmeta.graph.neo4j;
