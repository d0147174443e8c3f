package io.mlmeta.it.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.model.Metrics;
import io.mlmeta.sdk.model.Model;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Training recorded from Python through the bridge, read back with the Java SDK and GraphQL. */
class PythonTrainingScenarioIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void pythonTrainingIsReadableFromJavaAndGraphQl() throws Exception {
    PackagedServer server = PackagedServer.shared();
    String ws = "python-" + UUID.randomUUID().toString().substring(0, 8);
    Path script = Path.of("src/test/resources/scenarios/python_training.py").toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder(List.of("python3", script.toString(), ws))
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("MLMETA_URL", server.httpUrl());
    builder
        .environment()
        .put("PYTHONPATH", server.root().resolve("sdk-python-bridge/src").toString());
    Process python = builder.start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(python.exitValue()).as(output).isZero();
    JsonNode ids = JSON.readTree(output);

    String[] target = server.grpcTarget().split(":");
    try (Store store = Store.connect(target[0], Integer.parseInt(target[1]))) {
      Model model = store.artifact(ids.get("model").asLong(), Model.class);
      assertThat(model.trainingFramework().name()).isEqualTo("tensorflow");
      assertThat(model.hyperparameters())
          .containsEntry("batch_size", 256)
          .containsEntry("learning_rate", 0.04)
          .containsEntry("workers", 2);
      assertThat(model.owner()).isEqualTo("ml-team@example.org");
      Metrics metrics = store.artifact(ids.get("metrics").asLong(), Metrics.class);
      assertThat(metrics.metricsType()).isEqualTo(Metrics.Type.TRAINING);
      assertThat(metrics.values()).containsEntry("accuracy", 0.981);
    }

    JsonNode data =
        new Platform(server)
            .graphQl()
            .data(
                """
                query($id: ID!) {
                  artifact(id: $id) {
                    workspace name producers { name type contexts { type name } inputs { uri } }
                  }
                }
                """,
                Map.of("id", ids.get("model").asText()));
    assertThat(data.at("/artifact/workspace").asText()).isEqualTo(ws);
    assertThat(data.at("/artifact/producers/0/name").asText()).isEqualTo("mnist_training");
    assertThat(data.at("/artifact/producers/0/contexts/0/name").asText())
        .isEqualTo("mnist-python-run");
    assertThat(data.at("/artifact/producers/0/inputs/0/uri").asText())
        .isEqualTo("gs://kubeflow-examples/mnist");
  }
}
