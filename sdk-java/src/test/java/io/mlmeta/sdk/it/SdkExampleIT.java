package io.mlmeta.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mlmeta.sdk.Execution;
import io.mlmeta.sdk.Run;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.lineage.EdgeType;
import io.mlmeta.sdk.lineage.Lineage;
import io.mlmeta.sdk.lineage.LineageEdge;
import io.mlmeta.sdk.lineage.LineageNode;
import io.mlmeta.sdk.model.ArtifactState;
import io.mlmeta.sdk.model.DataSet;
import io.mlmeta.sdk.model.Metrics;
import io.mlmeta.sdk.model.Model;
import io.mlmeta.sdk.model.TrainingFramework;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example of issue #4, as written there, against a real server. */
class SdkExampleIT {

  @Test
  void issueExampleRunsAndStoresEveryField() throws Exception {
    String host = ServerTarget.host();
    int port = ServerTarget.port();
    String wsName = ServerTarget.unique("ws1");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    long dataId;
    long modelId;
    long metricsId;
    List<Model> listed;
    Lineage lineage;
    long execId;
    try {
      // The example of issue #4, line by line.
      try (Store store = Store.connect(host, port)) {
        Workspace ws = Workspace.create(store, wsName, "workspace for testing", Map.of("n1", "v1"));
        Run run = Run.create(ws, "run-1", "first run");
        Execution exec = Execution.create("training", ws, run, "mnist training");
        DataSet data =
            exec.logInput(
                DataSet.builder()
                    .uri("gs://bucket/mnist")
                    .name("mnist")
                    .version("v1")
                    .description("…")
                    .owner("…")
                    .query("SELECT …")
                    .labels(Map.of("k", "v"))
                    .build());
        Model model =
            exec.logOutput(
                Model.builder()
                    .uri("gs://bucket/model")
                    .name("MNIST")
                    .version("v1")
                    .modelType("neural network")
                    .trainingFramework("tensorflow", "v1.0")
                    .hyperparameters(
                        Map.of(
                            "learning_rate", 0.5, "layers", List.of(10, 3, 1), "early_stop", true))
                    .labels(Map.of("mylabel", "l1"))
                    .build());
        Metrics m =
            exec.logOutput(
                Metrics.builder()
                    .uri("gs://bucket/metrics")
                    .name("mnist-eval")
                    .dataSetId(data.id())
                    .modelId(model.id())
                    .metricsType(Metrics.Type.VALIDATION)
                    .values(Map.of("accuracy", 0.98))
                    .build());
        System.out.printf("Model id is %s and version is %s%n", model.id(), model.version());
        List<Model> models = ws.list(Model.class);
        Lineage up = store.lineage(model.id()).upstream().maxHops(4).fetch();
        lineage = up;
        execId = exec.id();
        dataId = data.id();
        modelId = model.id();
        metricsId = m.id();
        listed = models;
      }
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    original.print(output);

    Matcher line = Pattern.compile("Model id is (\\d+) and version is (\\S+)").matcher(output);
    assertThat(line.find()).as("printed line in %s", output).isTrue();
    assertThat(Long.parseLong(line.group(1))).isEqualTo(modelId).isPositive();
    assertThat(line.group(2)).isEqualTo("v1");
    assertThat(listed).extracting(Model::id).containsExactly(modelId);

    assertThat(lineage.nodes())
        .extracting(LineageNode::key, LineageNode::hops)
        .containsExactlyInAnyOrder(
            tuple("artifact:" + modelId, 0),
            tuple("execution:" + execId, 1),
            tuple("artifact:" + dataId, 2));
    assertThat(lineage.node("artifact:" + dataId).orElseThrow().type()).isEqualTo("Dataset");
    assertThat(lineage.node("execution:" + execId).orElseThrow().name()).isEqualTo("training");
    assertThat(lineage.edges())
        .contains(
            new LineageEdge("artifact:" + dataId, "execution:" + execId, EdgeType.INPUT),
            new LineageEdge("execution:" + execId, "artifact:" + modelId, EdgeType.OUTPUT));
    assertThat(lineage.truncated()).isFalse();
    assertThat(lineage.answeredBy().engine()).isNotBlank();

    try (Store store = Store.connect(host, port)) {
      Workspace ws = Workspace.get(store, wsName);
      assertThat(ws.description()).isEqualTo("workspace for testing");
      assertThat(ws.labels()).isEqualTo(Map.of("n1", "v1"));

      DataSet data = store.artifact(dataId, DataSet.class);
      assertThat(data.workspace()).isEqualTo(wsName);
      assertThat(data.createTime()).isNotNull();
      assertThat(data.state()).isEqualTo(ArtifactState.LIVE);
      assertThat(data.uri()).isEqualTo("gs://bucket/mnist");
      assertThat(data.name()).isEqualTo("mnist");
      assertThat(data.version()).isEqualTo("v1");
      assertThat(data.description()).isEqualTo("…");
      assertThat(data.owner()).isEqualTo("…");
      assertThat(data.query()).isEqualTo("SELECT …");
      assertThat(data.labels()).isEqualTo(Map.of("k", "v"));

      Model model = store.artifact(modelId, Model.class);
      assertThat(model).isEqualTo(listed.get(0));
      assertThat(model.uri()).isEqualTo("gs://bucket/model");
      assertThat(model.name()).isEqualTo("MNIST");
      assertThat(model.version()).isEqualTo("v1");
      assertThat(model.modelType()).isEqualTo("neural network");
      assertThat(model.trainingFramework()).isEqualTo(new TrainingFramework("tensorflow", "v1.0"));
      assertThat(model.hyperparameters())
          .isEqualTo(Map.of("learning_rate", 0.5, "layers", List.of(10, 3, 1), "early_stop", true));
      assertThat(model.labels()).isEqualTo(Map.of("mylabel", "l1"));

      Metrics metrics = store.artifact(metricsId, Metrics.class);
      assertThat(metrics.uri()).isEqualTo("gs://bucket/metrics");
      assertThat(metrics.name()).isEqualTo("mnist-eval");
      assertThat(metrics.dataSetId()).isEqualTo(dataId);
      assertThat(metrics.modelId()).isEqualTo(modelId);
      assertThat(metrics.metricsType()).isEqualTo(Metrics.Type.VALIDATION);
      assertThat(metrics.values()).isEqualTo(Map.of("accuracy", 0.98));

      assertThat(ws.list(DataSet.class)).containsExactly(data);
      assertThat(ws.list(Metrics.class)).containsExactly(metrics);
    }
  }
}
