package io.mlmeta.graph.neo4j;

public class CypherProbe {
  public static final String EDGES_BETWEEN = Cypher.EDGES_BETWEEN;
}
