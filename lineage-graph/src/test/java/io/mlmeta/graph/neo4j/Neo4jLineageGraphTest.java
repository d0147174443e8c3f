package io.mlmeta.graph.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlmeta.graph.Scope;
import io.mlmeta.graph.WritableLineageGraph;
import io.mlmeta.graph.WritableLineageGraphContractTest;
import io.mlmeta.graph.testsupport.SharedNeo4j;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

class Neo4jLineageGraphTest extends WritableLineageGraphContractTest {

  private static Neo4jLineageGraph graph;

  private static synchronized Neo4jLineageGraph sharedGraph() {
    if (graph == null) {
      graph = Neo4jLineageGraph.open(SharedNeo4j.driver());
    }
    return graph;
  }

  @Override
  protected WritableLineageGraph graph() {
    return sharedGraph();
  }

  @Test
  void openingAgainKeepsTheSchemaAndTheData() {
    loaded(pipeline());
    Neo4jLineageGraph reopened = Neo4jLineageGraph.open(SharedNeo4j.driver());
    assertEquals(6, reopened.counts(Scope.all()).nodes());

    try (Session session = SharedNeo4j.driver().session()) {
      Set<String> constraints =
          session.run("SHOW CONSTRAINTS YIELD name").list(r -> r.get("name").asString()).stream()
              .collect(Collectors.toSet());
      Set<String> indexes =
          session.run("SHOW INDEXES YIELD name").list(r -> r.get("name").asString()).stream()
              .collect(Collectors.toSet());
      assertEquals(Set.of("lineage_node_key"), constraints);
      for (String index :
          List.of("lineage_artifact_id", "lineage_execution_id", "lineage_node_workspace")) {
        assertEquals(true, indexes.contains(index), index);
      }
    }
  }

  @Test
  void nodesCarryTheKindLabelAndEdgesPointWithTheDataFlow() {
    loaded(pipeline());
    try (Session session = SharedNeo4j.driver().session()) {
      List<String> rows =
          session
              .run(
                  "MATCH (a:Node:Artifact)-[r:INPUT]->(x:Node:Execution) "
                      + "RETURN a.name + '-INPUT->' + x.name AS edge ORDER BY edge")
              .list(r -> r.get("edge").asString());
      assertEquals(
          List.of("dataset-INPUT->train", "model-INPUT->deploy", "model-INPUT->evaluate"), rows);
    }
  }
}
