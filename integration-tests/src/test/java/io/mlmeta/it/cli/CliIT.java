package io.mlmeta.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.sdk.Execution;
import io.mlmeta.sdk.ExecutionBatch;
import io.mlmeta.sdk.ExecutionRecord;
import io.mlmeta.sdk.RecordedExecution;
import io.mlmeta.sdk.Run;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.model.DataSet;
import io.mlmeta.sdk.model.Metrics;
import io.mlmeta.sdk.model.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every CLI command end to end against the packaged server, on a graph written with the SDK:
 * dataset (with digest) → Train (in a run) → model + validation metrics; the model → Evaluate →
 * test metrics; the model → Deploy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {

  @TempDir Path home;

  private String workspace;
  private long dataId;
  private long modelId;
  private long trainId;
  private long deployId;
  private long testMetricsId;

  @BeforeAll
  void writeGraph() {
    workspace = "cli-" + UUID.randomUUID();
    try (Store store = Store.builder().target(PackagedServer.shared().grpcTarget()).build()) {
      Workspace ws = Workspace.create(store, workspace, "CLI end-to-end", Map.of());
      Run run = Run.create(ws, "run-1", "first run");
      Execution train = Execution.create("training", ws, run, "mnist training", "Train");
      DataSet data =
          train.logInput(
              DataSet.builder()
                  .uri("gs://bucket/mnist")
                  .name("mnist")
                  .version("v1")
                  .owner("alice")
                  .digest("sha256:" + "ab".repeat(32))
                  .build());
      Model model =
          train.logOutput(
              Model.builder()
                  .uri("gs://bucket/model")
                  .name("MNIST")
                  .version("v1")
                  .owner("bob")
                  .modelType("neural network")
                  .hyperparameters(Map.of("learning_rate", 0.5))
                  .build());
      train.logOutput(
          Metrics.builder()
              .uri("gs://bucket/metrics/val")
              .name("mnist-validation")
              .dataSetId(data.id())
              .modelId(model.id())
              .metricsType(Metrics.Type.VALIDATION)
              .values(Map.of("accuracy", 0.98))
              .build());
      train.complete();
      RecordedExecution evaluate;
      RecordedExecution deploy;
      try (ExecutionBatch batch = store.batch(ws)) {
        CompletableFuture<RecordedExecution> evaluated =
            batch.record(
                ExecutionRecord.builder("evaluate")
                    .type("Evaluate")
                    .input(model)
                    .output(
                        Metrics.builder()
                            .uri("gs://bucket/metrics/test")
                            .name("mnist-test")
                            .values(Map.of("accuracy", 0.97))
                            .build())
                    .build());
        CompletableFuture<RecordedExecution> deployed =
            batch.record(
                ExecutionRecord.builder("serve")
                    .type("Deploy")
                    .properties(
                        Map.of(
                            "inference_service",
                            "mnist",
                            "endpoint",
                            "https://serve.example/mnist",
                            "traffic_percent",
                            10,
                            "canary",
                            true))
                    .input(model)
                    .build());
        batch.flush();
        evaluate = evaluated.join();
        deploy = deployed.join();
      }
      dataId = data.id();
      modelId = model.id();
      trainId = train.id();
      deployId = deploy.execution().id();
      testMetricsId = evaluate.outputs().get(0).id();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "md", "html", "csv", "prov"})
  void auditReportsAreReproducibleAndVerifiable(String format) throws IOException {
    Path file = home.resolve("audit." + format);
    CliRun written =
        CliRun.of(
            home,
            "export",
            "audit",
            "--model",
            Long.toString(modelId),
            "--format",
            format,
            "--out",
            file.toString());
    assertThat(written.exitCode()).as("%s", written).isEqualTo(ExitCode.OK);
    assertThat(written.out()).isEmpty();
    byte[] report = Files.readAllBytes(file);

    CliRun printed =
        CliRun.of(home, "export", "audit", "--model", Long.toString(modelId), "--format", format);
    assertThat(printed.exitCode()).as("%s", printed).isEqualTo(ExitCode.OK);
    assertThat(printed.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(report);

    CliRun verified = CliRun.of(home, "export", "verify", file.toString());
    assertThat(verified.exitCode()).as("%s", verified).isEqualTo(ExitCode.OK);

    String text = new String(report, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("MNIST", "gs://bucket/mnist", "ab".repeat(32), "mnist-validation", "mnist-test")
        .contains("https://serve.example/mnist", "alice", "bob");
    if (!format.equals("prov")) {
      assertThat(text).contains("run-1");
    }

    for (int index : List.of(0, report.length / 2, report.length - 2)) {
      byte[] changed = report.clone();
      changed[index] = (byte) (changed[index] == 'a' ? 'b' : 'a');
      Path tampered = home.resolve("tampered-" + index + "." + format);
      Files.write(tampered, changed);
      CliRun rejected = CliRun.of(home, "export", "verify", tampered.toString());
      assertThat(rejected.exitCode()).as("%s", rejected).isEqualTo(ExitCode.VERIFICATION_FAILED);
    }
  }

  @Test
  void jsonAuditReportNamesEverySection() throws IOException {
    CliRun run =
        CliRun.of(home, "export", "audit", "--model", Long.toString(modelId), "--format", "json");
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("model").get("id").asLong()).isEqualTo(modelId);
    assertThat(report.get("upstreamExecutions").get(0).get("type").asText()).isEqualTo("Train");
    assertThat(report.get("upstreamExecutions").get(0).get("contexts").get(0).asText())
        .isEqualTo("Run run-1");
    assertThat(report.get("upstreamArtifacts").get(0).get("id").asLong()).isEqualTo(dataId);
    assertThat(report.get("metrics")).hasSize(2);
    assertThat(report.get("metrics").get(1).get("id").asLong()).isEqualTo(testMetricsId);
    assertThat(report.get("deployments").get(0).get("id").asLong()).isEqualTo(deployId);
    assertThat(report.get("deployments").get(0).get("properties").get("traffic_percent").asInt())
        .isEqualTo(10);
    assertThat(report.get("otherConsumers").get(0).get("type").asText()).isEqualTo("Evaluate");
    assertThat(report.get("timeline").size()).isGreaterThan(5);
  }

  @Test
  void auditOfAMissingOrNonModelArtifactFails() {
    assertThat(CliRun.of(home, "export", "audit", "--model", "999999999").exitCode())
        .isEqualTo(ExitCode.NOT_FOUND);
    assertThat(CliRun.of(home, "export", "audit", "--model", Long.toString(dataId)).exitCode())
        .isEqualTo(ExitCode.INVALID);
  }

  @Test
  void lineageInEveryFormatAndDirection() throws IOException {
    CliRun up = CliRun.of(home, "lineage", Long.toString(modelId), "--up", "--hops", "2");
    assertThat(up.exitCode()).as("%s", up).isEqualTo(ExitCode.OK);
    assertThat(up.out())
        .contains("artifact:" + dataId, "execution:" + trainId)
        .doesNotContain("execution:" + deployId);

    CliRun down = CliRun.of(home, "lineage", "execution:" + trainId, "--down", "--format", "json");
    assertThat(down.exitCode()).as("%s", down).isEqualTo(ExitCode.OK);
    JsonNode json = new ObjectMapper().readTree(down.out());
    assertThat(json.get("nodes").toString())
        .contains("artifact:" + modelId, "execution:" + deployId);
    assertThat(json.get("answeredBy").get("engine").asText()).isNotBlank();

    CliRun dot = CliRun.of(home, "lineage", Long.toString(dataId), "--format", "dot");
    assertThat(dot.exitCode()).as("%s", dot).isEqualTo(ExitCode.OK);
    assertThat(dot.out())
        .startsWith("digraph lineage {")
        .contains("\"artifact:" + dataId + "\" -> \"execution:" + trainId + "\"");

    assertThat(CliRun.of(home, "lineage", "model:1").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void listings() throws IOException {
    CliRun artifacts =
        CliRun.of(
            home,
            "artifacts",
            "list",
            "--workspace",
            workspace,
            "--type",
            "Dataset",
            "--type",
            "Model");
    assertThat(artifacts.exitCode()).as("%s", artifacts).isEqualTo(ExitCode.OK);
    assertThat(artifacts.out()).contains("mnist", "MNIST").doesNotContain("mnist-validation");

    CliRun artifactsJson =
        CliRun.of(home, "artifacts", "list", "--workspace", workspace, "--format", "json");
    assertThat(new ObjectMapper().readTree(artifactsJson.out())).hasSize(4);

    CliRun executions =
        CliRun.of(home, "executions", "list", "--workspace", workspace, "--type", "Deploy");
    assertThat(executions.exitCode()).as("%s", executions).isEqualTo(ExitCode.OK);
    assertThat(executions.out()).contains("serve").doesNotContain("training");

    CliRun complete =
        CliRun.of(
            home,
            "executions",
            "list",
            "--workspace",
            workspace,
            "--state",
            "COMPLETE",
            "--format",
            "json");
    assertThat(new ObjectMapper().readTree(complete.out()).size()).isGreaterThanOrEqualTo(2);

    CliRun workspaces = CliRun.of(home, "workspaces", "list");
    assertThat(workspaces.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(workspaces.out()).contains(workspace);

    assertThat(CliRun.of(home, "artifacts", "list", "--workspace", "no-such-ws").exitCode())
        .isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void typesListAndRegister() throws IOException {
    CliRun list = CliRun.of(home, "types", "list", "--kind", "EXECUTION");
    assertThat(list.exitCode()).as("%s", list).isEqualTo(ExitCode.OK);
    assertThat(list.out()).contains("Train", "Deploy").doesNotContain("Dataset");

    Path schema = home.resolve("schema.json");
    Files.writeString(
        schema,
        "{\"type\":\"object\",\"properties\":{\"rows\":{\"type\":\"integer\"}}}",
        StandardCharsets.UTF_8);
    String name = "Sample" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    CliRun registered =
        CliRun.of(
            home,
            "types",
            "register",
            "--kind",
            "ARTIFACT",
            "--name",
            name,
            "--description",
            "a sample",
            "--schema",
            schema.toString());
    assertThat(registered.exitCode()).as("%s", registered).isEqualTo(ExitCode.OK);
    assertThat(new ObjectMapper().readTree(registered.out()).get("name").asText()).isEqualTo(name);

    CliRun json = CliRun.of(home, "types", "list", "--kind", "ARTIFACT", "--format", "json");
    assertThat(json.out()).contains(name);

    Files.writeString(schema, "not json", StandardCharsets.UTF_8);
    assertThat(
            CliRun.of(
                    home,
                    "types",
                    "register",
                    "--kind",
                    "ARTIFACT",
                    "--name",
                    name,
                    "--schema",
                    schema.toString())
                .exitCode())
        .isEqualTo(ExitCode.INVALID);
  }

  @Test
  void graphAdministration() {
    CliRun status = CliRun.of(home, "graph", "status");
    assertThat(status.exitCode()).as("%s", status).isEqualTo(ExitCode.OK);
    assertThat(status.out()).contains("configured: ", "lag rows: ");
    boolean configured = status.out().contains("configured: true");

    CliRun rebuild = CliRun.of(home, "graph", "rebuild");
    CliRun check = CliRun.of(home, "graph", "check", "--repair");
    if (configured) {
      assertThat(rebuild.exitCode()).as("%s", rebuild).isEqualTo(ExitCode.OK);
      assertThat(rebuild.out()).contains("nodes: ");
      assertThat(check.exitCode()).as("%s", check).isEqualTo(ExitCode.OK);
      assertThat(check.out()).contains("consistent: ");
    } else {
      assertThat(rebuild.exitCode()).as("%s", rebuild).isEqualTo(ExitCode.INVALID);
      assertThat(check.exitCode()).as("%s", check).isEqualTo(ExitCode.INVALID);
    }
  }

  @Test
  void logVerifyRecomputesTheChangeLogsChain() {
    // The server's own start-up (its built-in types) is in the log; the sealer chains it within
    // seconds.
    await("the change log chained")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              CliRun verify = CliRun.of(home, "log", "verify");
              assertThat(verify.exitCode()).as("%s", verify).isEqualTo(ExitCode.OK);
              assertThat(verify.out())
                  .contains("intact: true", "problems: 0")
                  .doesNotContain("verified entries: 0");
            });
  }

  @Test
  void connectionComesFromTheEnvironmentOrTheConfigFile() throws IOException {
    String target = PackagedServer.shared().grpcTarget();
    CliRun fromEnvironment =
        CliRun.raw(home, Map.of("MLMETA_SERVER", target), "workspaces", "list");
    assertThat(fromEnvironment.exitCode()).as("%s", fromEnvironment).isEqualTo(ExitCode.OK);

    Path config = home.resolve("cli.properties");
    Files.writeString(config, "server=" + target + "\n", StandardCharsets.UTF_8);
    CliRun fromFile =
        CliRun.raw(home, Map.of("MLMETA_CONFIG", config.toString()), "workspaces", "list");
    assertThat(fromFile.exitCode()).as("%s", fromFile).isEqualTo(ExitCode.OK);
    assertThat(fromFile.out()).contains(workspace);
  }
}
