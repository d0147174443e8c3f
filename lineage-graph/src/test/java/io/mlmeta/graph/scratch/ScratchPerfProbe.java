package io.mlmeta.graph.scratch;

import io.mlmeta.graph.TraversalQuery;
import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.neo4j.CypherProbe;
import io.mlmeta.graph.neo4j.Neo4jLineageGraph;
import io.mlmeta.graph.testsupport.SharedNeo4j;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchPerfProbe {
  static void print(org.neo4j.driver.summary.ProfiledPlan p, String indent) {
    System.out.println(
        indent
            + p.operatorType()
            + " rows="
            + p.records()
            + " hits="
            + p.dbHits()
            + " "
            + p.arguments().getOrDefault("Details", org.neo4j.driver.Values.NULL));
    for (var c : p.children()) print(c, indent + "  ");
  }

  @Test
  void probe() {
    int n = 25000;
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    ChangeSet.Builder nodes = ChangeSet.builder();
    ChangeSet.Builder edges = ChangeSet.builder();
    nodes.upsert(new Node(NodeKey.artifact(1), 1, "Dataset", "LIVE", "hub", null, t0));
    for (int i = 1; i <= n; i++) {
      nodes.upsert(new Node(NodeKey.execution(i), 1, "Train", "COMPLETE", "e" + i, null, t0));
      nodes.upsert(new Node(NodeKey.artifact(1 + i), 1, "Model", "LIVE", "m" + i, null, t0));
      nodes.upsert(
          new Node(NodeKey.execution(n + i), 1, "Evaluate", "COMPLETE", "v" + i, null, t0));
      nodes.upsert(new Node(NodeKey.artifact(n + 1 + i), 1, "Metrics", "LIVE", "x" + i, null, t0));
      edges.upsert(Edge.input(NodeKey.artifact(1), NodeKey.execution(i), t0));
      edges.upsert(Edge.output(NodeKey.execution(i), NodeKey.artifact(1 + i), t0));
      edges.upsert(Edge.input(NodeKey.artifact(1 + i), NodeKey.execution(n + i), t0));
      edges.upsert(Edge.output(NodeKey.execution(n + i), NodeKey.artifact(n + 1 + i), t0));
    }
    Neo4jLineageGraph neo = Neo4jLineageGraph.open(SharedNeo4j.driver());
    neo.clear();
    neo.apply(nodes.build());
    neo.apply(edges.build());
    try (var session = SharedNeo4j.driver().session()) {
      Map<String, Object> params = new HashMap<>();
      params.put("keys", List.of("artifact:1", "execution:7"));
      params.put("otherKeys", List.of("execution:5", "execution:7", "artifact:1", "artifact:8"));
      params.put("workspaceId", 1L);
      var summary = session.run("PROFILE " + CypherProbe.EDGES_BETWEEN, params).consume();
      print(summary.profile(), "");
    }
    for (int round = 0; round < 3; round++) {
      long tt = System.nanoTime();
      for (int i = 0; i < 200; i++)
        neo.traverse(
            TraversalQuery.builder(1, NodeKey.artifact(2 * n + 1 - i))
                .upstream()
                .maxHops(5)
                .build());
      System.out.printf("traverse: %.3f ms%n", (System.nanoTime() - tt) / 1e6 / 200);
      tt = System.nanoTime();
      for (int i = 0; i < 5; i++)
        neo.traverse(
            TraversalQuery.builder(1, NodeKey.artifact(1)).maxHops(4).pageSize(10).build());
      System.out.printf("hub page 10: %.3f ms%n", (System.nanoTime() - tt) / 1e6 / 5);
    }
    neo.clear();
  }
}
