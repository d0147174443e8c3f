package io.mlmeta.it.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.CreateApiTokenRequest;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.GetExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.Role;
import io.mlmeta.proto.v1.WorkspaceRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The platform end to end on the packaged server: distributed training, hyperparameter tuning,
 * serving with a canary, the questions users ask about them, and a restart that keeps everything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformScenariosIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static PackagedServer server;

  /** The local admin: creates the workspace and the teams' tokens, checks the mirror. */
  private static Platform admin;

  // Each component calls with its own API token, as the teams of a shared platform would.
  private static Platform trainer;
  private static Platform tuner;
  private static Platform deployer;

  /** Reads only: a reader token, as an auditor or a dashboard would hold. */
  private static Platform platform;

  private static String auditorToken;
  private static String ws;
  private static Scenarios.Training training;
  private static Scenarios.Tuning tuning;
  private static Scenarios.Serving serving;

  @BeforeAll
  static void start() {
    server = PackagedServer.shared();
    admin = new Platform(server);
    ws = admin.newWorkspace("kubeflow");
    trainer = new Platform(server, admin.token("tfjob", ws, Role.WRITER));
    tuner = new Platform(server, admin.token("katib", ws, Role.WRITER));
    deployer = new Platform(server, admin.token("kserve", ws, Role.WRITER));
    auditorToken = admin.token("auditor", ws, Role.READER);
    platform = new Platform(server, auditorToken);
  }

  @AfterAll
  static void stop() {
    for (Platform component : List.of(admin, trainer, tuner, deployer, platform)) {
      component.close();
    }
  }

  @Test
  @Order(1)
  void distributedTrainingIsRecordedInARun() throws Exception {
    training = Scenarios.training(trainer, ws);
    JsonNode data =
        platform
            .graphQl()
            .data(
                """
                query($id: ID!) {
                  execution(id: $id) {
                    name type state properties labels { key value }
                    inputs { type name uri digest }
                    outputs { type name properties }
                    contexts { type name }
                  }
                }
                """,
                Map.of("id", Long.toString(training.execution())));
    JsonNode execution = data.get("execution");
    assertThat(execution.get("type").asText()).isEqualTo("Train");
    assertThat(execution.get("state").asText()).isEqualTo("COMPLETE");
    JsonNode properties = JSON.readTree(execution.get("properties").asText());
    assertThat(properties.get("workers").asInt()).isEqualTo(2);
    assertThat(properties.at("/hyperparameters/learning_rate").asDouble()).isEqualTo(0.04);
    assertThat(properties.at("/hyperparameters/batch_size").asInt()).isEqualTo(256);
    assertThat(execution.at("/inputs/0/type").asText()).isEqualTo("Dataset");
    assertThat(execution.at("/inputs/0/digest").asText()).isEqualTo("sha256:5ab3c1e0");
    assertThat(execution.get("outputs"))
        .extracting(o -> o.get("type").asText())
        .containsExactly("Model", "Metrics");
    assertThat(
            JSON.readTree(execution.at("/outputs/0/properties").asText())
                .at("/training_framework/name")
                .asText())
        .isEqualTo("tensorflow");
    assertThat(execution.at("/contexts/0/type").asText()).isEqualTo("Run");
  }

  @Test
  @Order(2)
  void tuningRecordsEveryTrialAndOneQueryFindsTheBest() throws Exception {
    tuning = Scenarios.tuning(tuner, ws, training.dataset(), () -> {});
    JsonNode data =
        platform
            .graphQl()
            .data(
                """
                query($ws: String!, $experiment: ID!) {
                  best: artifacts(workspace: $ws,
                                  filter: {type: "Metrics", contextId: $experiment},
                                  orderBy: {path: "values.accuracy_1", descending: true}, first: 1) {
                    nodes { properties producers { id name properties outputs { id type } } }
                  }
                  failed: executions(workspace: $ws, filter: {type: "Tune", state: FAILED, contextId: $experiment}) {
                    nodes { name errorMessage }
                  }
                  trials: executions(workspace: $ws, filter: {type: "Tune", contextId: $experiment}, first: 100) {
                    nodes { id }
                  }
                  experiment: context(id: $experiment) { properties }
                }
                """,
                Map.of("ws", ws, "experiment", Long.toString(tuning.experiment())));
    JsonNode best = data.at("/best/nodes/0");
    assertThat(best.at("/producers/0/id").asLong()).isEqualTo(tuning.bestTrial());
    assertThat(JSON.readTree(best.get("properties").asText()).at("/values/accuracy_1").asDouble())
        .isEqualTo(tuning.accuracyOfTrial().get(tuning.bestTrial()));
    assertThat(data.at("/failed/nodes")).hasSize(2);
    assertThat(data.at("/failed/nodes/0/errorMessage").asText()).contains("OOMKilled");
    assertThat(data.at("/trials/nodes")).hasSize(Scenarios.TRIALS);
    JsonNode outcome = JSON.readTree(data.at("/experiment/properties").asText()).get("outcome");
    assertThat(outcome.get("best_trial_execution_id").asLong()).isEqualTo(tuning.bestTrial());
    assertThat(outcome.get("failed").asInt()).isEqualTo(2);
    JsonNode parameters =
        JSON.readTree(best.at("/producers/0/properties").asText()).get("parameters");
    assertThat(parameters.get("learning_rate").asDouble()).isBetween(0.01, 0.05);
    assertThat(parameters.get("batch_size").asInt()).isBetween(100, 200);
  }

  @Test
  @Order(3)
  void servingAnswersWhichDataIsBehindTheLiveModelAndWhatABadDatasetBreaks() {
    List<Map.Entry<Long, Double>> ranked = new ArrayList<>(tuning.accuracyOfTrial().entrySet());
    ranked.sort(Map.Entry.<Long, Double>comparingByValue(Comparator.reverseOrder()));
    long bestModel = tuning.modelOfTrial().get(ranked.get(0).getKey());
    long secondModel = tuning.modelOfTrial().get(ranked.get(1).getKey());
    serving = Scenarios.serving(deployer, ws, bestModel, secondModel);

    JsonNode behind =
        platform
            .graphQl()
            .data(
                """
                query($ws: String!, $pos: BigInteger!) {
                  lineage(workspace: $ws,
                          startExecutions: {type: "Deploy", state: RUNNING,
                                            propertiesContain: "{\\"inference_service\\": \\"model-test\\"}"},
                          direction: UPSTREAM, maxHops: 10, filter: {types: ["Dataset"]}, minPosition: $pos) {
                    nodes { artifact { name uri version } }
                    truncated
                    answeredBy { engine }
                  }
                }
                """,
                Map.of("ws", ws, "pos", serving.position()));
    assertThat(behind.at("/lineage/nodes")).hasSize(1);
    assertThat(behind.at("/lineage/nodes/0/artifact/uri").asText())
        .isEqualTo("gs://kubeflow-examples/mnist");
    assertThat(behind.at("/lineage/truncated").asBoolean()).isFalse();

    JsonNode impact =
        platform
            .graphQl()
            .data(
                """
                query($dataset: String!) {
                  impact(artifactIds: [$dataset], filter: {types: ["Deploy"]}) {
                    total groups { type nodes { id name } }
                  }
                }
                """,
                Map.of("dataset", Long.toString(training.dataset())));
    assertThat(impact.at("/impact/groups/0/type").asText()).isEqualTo("Deploy");
    List<String> deployments = new ArrayList<>();
    impact.at("/impact/groups/0/nodes").forEach(n -> deployments.add(n.get("name").asText()));
    assertThat(deployments).containsExactlyInAnyOrder("model-test-00001", "model-test-00002");
  }

  @Test
  @Order(4)
  void theServedModelsAuditReportIsCompleteInEveryFormat() throws Exception {
    Path reports = Files.createTempDirectory("mlmeta-audit-");
    String bestTrialName =
        platform
            .metadata()
            .getExecution(GetExecutionRequest.newBuilder().setId(tuning.bestTrial()).build())
            .getName();
    for (String format : List.of("json", "md", "html", "csv", "prov")) {
      Path report = reports.resolve("audit." + format);
      String exported =
          mlmeta(
              "export",
              "audit",
              "--model",
              Long.toString(serving.stableModel()),
              "--format",
              format,
              "--out",
              report.toString());
      String text = Files.readString(report);
      assertThat(text)
          .as(format + " report\n" + exported)
          .contains("gs://katib/tfjob-example/" + bestTrialName + "/model")
          .contains("gs://kubeflow-examples/mnist")
          .contains("sha256:5ab3c1e0")
          .contains(bestTrialName)
          .contains("tfjob-example")
          .contains("accuracy_1")
          .contains("model-test-00001")
          .contains("mlmeta-report-sha256:");
      mlmeta("export", "verify", report.toString());
    }
  }

  /** Runs the launcher script as a user would; fails on a non-zero exit. */
  private static String mlmeta(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(server.root().resolve("mlmeta").toString());
    command.addAll(List.of(args));
    command.add("--server");
    command.add(server.grpcTarget());
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(server.root().toFile()).redirectErrorStream(true);
    // The auditor exports with its reader token: an audit needs no write access.
    builder.environment().put("MLMETA_TOKEN", auditorToken);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }

  @Test
  @Order(5)
  void anotherTeamTrainingOnTheSharedDatasetIsRedactedForThoseWhoCannotReadIt() {
    String research = admin.newWorkspace("research");
    String researchToken =
        admin
            .access()
            .createApiToken(
                CreateApiTokenRequest.newBuilder()
                    .setName("research-distill")
                    .addScopes(
                        WorkspaceRole.newBuilder().setWorkspace(research).setRole(Role.WRITER))
                    .addScopes(WorkspaceRole.newBuilder().setWorkspace(ws).setRole(Role.READER))
                    .build())
            .getSecret();
    RecordExecutionResponse distilled;
    try (Platform researcher = new Platform(server, researchToken)) {
      distilled =
          researcher
              .metadata()
              .recordExecution(
                  RecordExecutionRequest.newBuilder()
                      .setWorkspace(research)
                      .setExecution(
                          ExecutionSpec.newBuilder().setType("Train").setName("distill-mnist"))
                      .addInputs(ArtifactLink.newBuilder().setArtifactId(training.dataset()))
                      .addOutputs(
                          Scenarios.newArtifact(
                              "Model",
                              Map.of("name", "mnist-distilled", "uri", "gs://research/distilled")))
                      .build());
    }
    String impactOfTheDataset =
        """
        query($dataset: String!, $pos: BigInteger!) {
          impact(artifactIds: [$dataset], minPosition: $pos) {
            total redacted redactedNodes { key type name } groups { type nodes { name } }
          }
        }
        """;
    Map<String, Object> variables =
        Map.of("dataset", Long.toString(training.dataset()), "pos", distilled.getLineagePosition());

    JsonNode seenByAuditor = platform.graphQl().data(impactOfTheDataset, variables);
    assertThat(seenByAuditor.at("/impact/redacted").asInt()).isEqualTo(2);
    List<String> redactedKeys = new ArrayList<>();
    seenByAuditor.at("/impact/redactedNodes").forEach(n -> redactedKeys.add(n.get("key").asText()));
    assertThat(redactedKeys)
        .containsExactlyInAnyOrder(
            "execution:" + distilled.getExecution().getId(),
            "artifact:" + distilled.getOutputs(0).getId());
    assertThat(seenByAuditor.toString()).doesNotContain("distill").doesNotContain("gs://research");

    JsonNode seenByAdmin = admin.graphQl().data(impactOfTheDataset, variables);
    assertThat(seenByAdmin.at("/impact/redacted").asInt()).isZero();
    assertThat(seenByAdmin.at("/impact/total").asInt())
        .isEqualTo(seenByAuditor.at("/impact/total").asInt());
    assertThat(seenByAdmin.toString()).contains("distill-mnist").contains("mnist-distilled");
  }

  @Test
  @Order(6)
  void aRestartKeepsEverythingAndTheMirrorStaysConsistent() {
    server.restart();
    Platform afterRestart = new Platform(server);
    try {
      assertThat(
              afterRestart
                  .metadata()
                  .getExecution(GetExecutionRequest.newBuilder().setId(tuning.bestTrial()).build())
                  .getName())
          .startsWith("tfjob-example-trial-");
      var check = afterRestart.checkMirrorOnceCaughtUp(Duration.ofSeconds(60));
      assertThat(check.getConsistent()).as(check.toString()).isTrue();
      JsonNode data =
          afterRestart
              .graphQl()
              .data(
                  "query($ws: String!) { executions(workspace: $ws, filter: {type: \"Deploy\"}) { nodes { name } } }",
                  Map.of("ws", ws));
      assertThat(data.at("/executions/nodes")).hasSize(2);

      // The in-memory index reloads the graph from PostgreSQL and answers like PostgreSQL does.
      String walk =
          "query($id: String!, $engine: String) { lineage(artifactIds: [$id], direction:"
              + " DOWNSTREAM, maxHops: 10, first: 1000, engine: $engine) { nodes { key hops }"
              + " answeredBy { engine } } }";
      Map<String, Object> fromDataset = Map.of("id", Long.toString(training.dataset()));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  afterRestart
                      .graphQl()
                      .data(walk, fromDataset)
                      .at("/lineage/answeredBy/engine")
                      .asText()
                      .equals("memory"));
      Map<String, Object> onPostgres = new HashMap<>(fromDataset);
      onPostgres.put("engine", "postgres");
      JsonNode fromIndex = afterRestart.graphQl().data(walk, fromDataset).at("/lineage/nodes");
      assertThat(fromIndex.size()).isGreaterThan(10);
      assertThat(fromIndex)
          .isEqualTo(afterRestart.graphQl().data(walk, onPostgres).at("/lineage/nodes"));
    } finally {
      afterRestart.close();
    }
  }
}
