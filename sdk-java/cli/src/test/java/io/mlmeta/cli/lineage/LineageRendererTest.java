package io.mlmeta.cli.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.sdk.lineage.AnsweredBy;
import io.mlmeta.sdk.lineage.EdgeType;
import io.mlmeta.sdk.lineage.Lineage;
import io.mlmeta.sdk.lineage.LineageEdge;
import io.mlmeta.sdk.lineage.LineageNode;
import io.mlmeta.sdk.lineage.NodeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three renderings of a lineage answer, sorted whatever the server's order. */
class LineageRendererTest {

  private static final Lineage LINEAGE =
      new Lineage(
          List.of(
              new LineageNode(
                  "artifact:10", NodeKind.ARTIFACT, 10, "Dataset", "LIVE", "d", "gs://d", 2, false),
              new LineageNode(
                  "artifact:3", NodeKind.ARTIFACT, 3, "Model", "LIVE", "m", null, 0, false),
              new LineageNode(
                  "execution:2", NodeKind.EXECUTION, 2, "Train", "COMPLETE", "t", null, 1, false)),
          List.of(
              new LineageEdge("execution:2", "artifact:3", EdgeType.OUTPUT),
              new LineageEdge("artifact:10", "execution:2", EdgeType.INPUT)),
          false,
          "",
          "",
          new AnsweredBy("postgres", "router", 0, 0));

  @Test
  void tableSortsByHopsAndSummarises() {
    String table = LineageRenderer.table(LINEAGE);
    assertThat(table.lines().toList())
        .startsWith(
            "HOPS  KEY          TYPE     NAME  STATE     URI",
            "0     artifact:3   Model    m     LIVE      -",
            "1     execution:2  Train    t     COMPLETE  -",
            "2     artifact:10  Dataset  d     LIVE      gs://d");
    assertThat(table).contains("artifact:10 -> execution:2  INPUT\n");
    assertThat(table).endsWith("3 nodes, 2 edges; answered by postgres (router)\n");
  }

  @Test
  void jsonAndDotNameEveryNodeAndEdge() {
    assertThat(LineageRenderer.json(LINEAGE))
        .contains("\"key\": \"artifact:10\"", "\"type\": \"OUTPUT\"", "\"engine\": \"postgres\"");
    String dot = LineageRenderer.dot(LINEAGE);
    assertThat(dot)
        .startsWith("digraph lineage {\n  rankdir=LR;\n")
        .contains("\"artifact:3\" [shape=box, label=\"Model\\nm\\nartifact:3\"];")
        .contains("\"execution:2\" [shape=ellipse")
        .contains("\"artifact:10\" -> \"execution:2\" [label=\"INPUT\"];");
  }
}
