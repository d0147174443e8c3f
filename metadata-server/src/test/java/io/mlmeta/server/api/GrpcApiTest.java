package io.mlmeta.server.api;

import static io.mlmeta.server.support.Protos.dataset;
import static io.mlmeta.server.support.Protos.execution;
import static io.mlmeta.server.support.Protos.existing;
import static io.mlmeta.server.support.Protos.model;
import static io.mlmeta.server.support.Protos.newArtifact;
import static io.mlmeta.server.support.Protos.run;
import static io.mlmeta.server.support.Protos.struct;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.Artifact;
import io.mlmeta.proto.v1.ArtifactFilter;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.proto.v1.ArtifactState;
import io.mlmeta.proto.v1.ContextSpec;
import io.mlmeta.proto.v1.CreateArtifactRequest;
import io.mlmeta.proto.v1.CreateContextRequest;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.Execution;
import io.mlmeta.proto.v1.ExecutionFilter;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.ExecutionState;
import io.mlmeta.proto.v1.GetArtifactRequest;
import io.mlmeta.proto.v1.GetExecutionRequest;
import io.mlmeta.proto.v1.GetTypeRequest;
import io.mlmeta.proto.v1.IngestSummary;
import io.mlmeta.proto.v1.ListArtifactsRequest;
import io.mlmeta.proto.v1.ListArtifactsResponse;
import io.mlmeta.proto.v1.ListEventsRequest;
import io.mlmeta.proto.v1.ListExecutionsRequest;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.RecordExecutionsRequest;
import io.mlmeta.proto.v1.RegisterTypeRequest;
import io.mlmeta.proto.v1.ResponseView;
import io.mlmeta.proto.v1.Type;
import io.mlmeta.proto.v1.TypeKind;
import io.mlmeta.proto.v1.UpdateArtifactRequest;
import io.mlmeta.proto.v1.UpdateContextRequest;
import io.mlmeta.proto.v1.UpdateExecutionRequest;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.mlmeta.server.support.Protos;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gRPC API over a real channel on a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class GrpcApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String workspace() {
    String name = Names.unique("ws");
    Grpc.stub()
        .createWorkspace(
            CreateWorkspaceRequest.newBuilder()
                .setName(name)
                .setDescription("a workspace for testing")
                .putLabels("n1", "v1")
                .build());
    return name;
  }

  private static RecordExecutionResponse trainMnist(String ws) {
    return Grpc.stub()
        .recordExecution(
            RecordExecutionRequest.newBuilder()
                .setWorkspace(ws)
                .setExecution(execution("Train", "mnist training"))
                .addInputs(newArtifact("Dataset", dataset("mytable-dump")))
                .addOutputs(newArtifact("Model", model("MNIST")))
                .addContexts(run("run-1"))
                .build());
  }

  private static long countArtifacts(String ws) {
    return Grpc.stub()
        .listArtifacts(ListArtifactsRequest.newBuilder().setWorkspace(ws).setPageSize(1000).build())
        .getArtifactsCount();
  }

  @Test
  void recordsTheKubeflowExampleAndReadsEveryFieldBack() throws Exception {
    String ws = workspace();
    RecordExecutionResponse recorded = trainMnist(ws);

    Artifact model =
        Grpc.stub()
            .getArtifact(
                GetArtifactRequest.newBuilder().setId(recorded.getOutputs(0).getId()).build());
    assertThat(model.getType()).isEqualTo("Model");
    assertThat(model.getName()).isEqualTo("MNIST");
    assertThat(model.getVersion()).isEqualTo("model_version_1");
    assertThat(model.getState()).isEqualTo(ArtifactState.LIVE);
    assertThat(Protos.json(model.getProperties())).isEqualTo(JSON.valueToTree(model("MNIST")));
    assertThat(
            Protos.json(model.getProperties()).at("/hyperparameters/layers/0").isIntegralNumber())
        .isTrue();

    Artifact metrics =
        Grpc.stub()
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(execution("Evaluate", "mnist evaluation"))
                    .addInputs(existing(recorded.getOutputs(0).getId()))
                    .addInputs(existing(recorded.getInputs(0).getId()))
                    .addOutputs(
                        newArtifact(
                            "Metrics",
                            Map.of(
                                "uri",
                                "gs://bucket/metrics",
                                "name",
                                "mnist-eval",
                                "data_set_id",
                                recorded.getInputs(0).getId(),
                                "model_id",
                                recorded.getOutputs(0).getId(),
                                "metrics_type",
                                "validation",
                                "values",
                                Map.of("accuracy", 0.98))))
                    .build())
            .getOutputs(0);
    assertThat(Protos.json(metrics.getProperties()).at("/values/accuracy").asDouble())
        .isEqualTo(0.98);

    var events =
        Grpc.stub()
            .listEvents(
                ListEventsRequest.newBuilder()
                    .setArtifactId(recorded.getOutputs(0).getId())
                    .build())
            .getEventsList();
    assertThat(events).extracting(e -> e.getType().name()).containsExactly("OUTPUT", "INPUT");
    assertThat(recorded.getContexts(0).getType()).isEqualTo("Run");
    assertThat(recorded.getExecution().getState()).isEqualTo(ExecutionState.NEW);
  }

  @Test
  void retriesWithExternalIdsNeverDuplicate() {
    String ws = workspace();
    RecordExecutionRequest request =
        RecordExecutionRequest.newBuilder()
            .setWorkspace(ws)
            .setExecution(execution("Train", "retry").toBuilder().setExternalId("job-1"))
            .addInputs(
                ArtifactLink.newBuilder()
                    .setNewArtifact(
                        ArtifactSpec.newBuilder()
                            .setType("Dataset")
                            .setExternalId("data-1")
                            .setProperties(struct(dataset("d")))))
            .addOutputs(
                ArtifactLink.newBuilder()
                    .setNewArtifact(
                        ArtifactSpec.newBuilder()
                            .setType("Model")
                            .setExternalId("model-1")
                            .setProperties(struct(model("m")))))
            .build();
    RecordExecutionResponse first = Grpc.stub().recordExecution(request);
    RecordExecutionResponse second = Grpc.stub().recordExecution(request);

    assertThat(second.getExecution().getId()).isEqualTo(first.getExecution().getId());
    assertThat(second.getOutputs(0).getId()).isEqualTo(first.getOutputs(0).getId());
    assertThat(countArtifacts(ws)).isEqualTo(2);
    assertThat(
            Grpc.stub()
                .listEvents(
                    ListEventsRequest.newBuilder()
                        .setExecutionId(first.getExecution().getId())
                        .build())
                .getEventsCount())
        .isEqualTo(2);
  }

  @Test
  void aCompactResponseRepeatsOnlyTheIdsOfWhatTheRequestLinkedById() {
    String ws = workspace();
    RecordExecutionResponse first = trainMnist(ws);
    long dataset = first.getInputs(0).getId();
    RecordExecutionsRequest batch =
        RecordExecutionsRequest.newBuilder()
            .setView(ResponseView.RESPONSE_VIEW_COMPACT)
            .addExecutions(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(execution("Train", "compact"))
                    .addInputs(existing(dataset))
                    .addOutputs(newArtifact("Model", model("compact")))
                    .addContexts(run("compact-run")))
            .build();
    RecordExecutionResponse compact = Grpc.stub().recordExecutions(batch).getResults(0);
    assertThat(compact.getInputs(0)).isEqualTo(Artifact.newBuilder().setId(dataset).build());
    assertThat(compact.getOutputs(0).getType()).isEqualTo("Model");
    assertThat(compact.getOutputs(0).getName()).isEqualTo("compact");
    assertThat(compact.getExecution().getName()).isEqualTo("compact");
    assertThat(compact.getContexts(0).getName()).isEqualTo("compact-run");
    assertThat(compact.getLineagePosition()).isPositive();

    RecordExecutionResponse full =
        Grpc.stub()
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecutionId(compact.getExecution().getId())
                    .addInputs(existing(dataset))
                    .build());
    assertThat(full.getInputs(0).getType()).isEqualTo("Dataset");
    assertThat(full.getExecution().getName()).isEqualTo("compact");
  }

  @Test
  void reuseIfExistsDeduplicatesDatasetsLikeKubeflow() {
    String ws = workspace();
    ArtifactLink sameData =
        newArtifact("Dataset", dataset("shared")).toBuilder().setReuseIfExists(true).build();
    long first =
        Grpc.stub()
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(execution("Train", "a"))
                    .addInputs(sameData)
                    .build())
            .getInputs(0)
            .getId();
    long second =
        Grpc.stub()
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(execution("Train", "b"))
                    .addInputs(sameData)
                    .build())
            .getInputs(0)
            .getId();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void executionStatesMoveOnlyAlongLegalTransitions() {
    String ws = workspace();
    long id = trainMnist(ws).getExecution().getId();
    Execution running =
        Grpc.stub()
            .updateExecution(
                UpdateExecutionRequest.newBuilder()
                    .setId(id)
                    .setState(ExecutionState.RUNNING)
                    .build());
    assertThat(running.hasStartTime()).isTrue();
    Execution complete =
        Grpc.stub()
            .updateExecution(
                UpdateExecutionRequest.newBuilder()
                    .setId(id)
                    .setState(ExecutionState.COMPLETE)
                    .build());
    assertThat(complete.hasEndTime()).isTrue();

    String message =
        Grpc.failure(
            Status.Code.FAILED_PRECONDITION,
            () ->
                Grpc.stub()
                    .updateExecution(
                        UpdateExecutionRequest.newBuilder()
                            .setId(id)
                            .setState(ExecutionState.RUNNING)
                            .build()));
    assertThat(message).contains("COMPLETE").contains("RUNNING");
    assertThat(
            Grpc.stub().getExecution(GetExecutionRequest.newBuilder().setId(id).build()).getState())
        .isEqualTo(ExecutionState.COMPLETE);
  }

  @Test
  void failedExecutionsKeepTheirError() {
    String ws = workspace();
    Execution failed =
        Grpc.stub()
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(
                        ExecutionSpec.newBuilder()
                            .setType("Tune")
                            .setName("trial-7")
                            .setState(ExecutionState.FAILED)
                            .setErrorMessage("OOMKilled")
                            .setProperties(struct(Map.of("parameters", Map.of("lr", 0.01)))))
                    .build())
            .getExecution();
    assertThat(failed.getErrorMessage()).isEqualTo("OOMKilled");
    assertThat(failed.hasEndTime()).isTrue();
  }

  @Test
  void artifactStatesMoveOnlyAlongLegalTransitions() {
    String ws = workspace();
    long id = trainMnist(ws).getInputs(0).getId();
    Grpc.stub()
        .updateArtifact(
            UpdateArtifactRequest.newBuilder().setId(id).setState(ArtifactState.DELETED).build());
    Grpc.failure(
        Status.Code.FAILED_PRECONDITION,
        () ->
            Grpc.stub()
                .updateArtifact(
                    UpdateArtifactRequest.newBuilder()
                        .setId(id)
                        .setState(ArtifactState.LIVE)
                        .build()));
  }

  @Test
  void unknownTypeIsNotFoundAndWritesNothing() {
    String ws = workspace();
    String message =
        Grpc.failure(
            Status.Code.NOT_FOUND,
            () ->
                Grpc.stub()
                    .recordExecution(
                        RecordExecutionRequest.newBuilder()
                            .setWorkspace(ws)
                            .setExecution(execution("Train", "x"))
                            .addInputs(newArtifact("Dataset", dataset("d")))
                            .addOutputs(newArtifact("NoSuchType", Map.of("uri", "u", "name", "n")))
                            .build()));
    assertThat(message).contains("NoSuchType");
    assertThat(countArtifacts(ws)).isZero();
    assertThat(
            Grpc.stub()
                .listExecutions(ListExecutionsRequest.newBuilder().setWorkspace(ws).build())
                .getExecutionsCount())
        .isZero();
  }

  @Test
  void schemaViolationNamesThePropertyAndRuleAndWritesNothing() {
    String ws = workspace();
    String message =
        Grpc.failure(
            Status.Code.INVALID_ARGUMENT,
            () ->
                Grpc.stub()
                    .recordExecution(
                        RecordExecutionRequest.newBuilder()
                            .setWorkspace(ws)
                            .setExecution(execution("Train", "x"))
                            .addInputs(newArtifact("Dataset", dataset("d")))
                            .addOutputs(
                                newArtifact(
                                    "Model",
                                    Map.of(
                                        "uri", "u",
                                        "name", "n",
                                        "training_framework", "tensorflow")))
                            .build()));
    assertThat(message)
        .startsWith("outputs[0].new_artifact.properties.training_framework")
        .contains("object");
    assertThat(countArtifacts(ws)).isZero();
  }

  @Test
  void missingRequiredPropertyIsNamed() {
    String ws = workspace();
    String message =
        Grpc.failure(
            Status.Code.INVALID_ARGUMENT,
            () ->
                Grpc.stub()
                    .createArtifact(
                        CreateArtifactRequest.newBuilder()
                            .setWorkspace(ws)
                            .setArtifact(
                                ArtifactSpec.newBuilder()
                                    .setType("Dataset")
                                    .setProperties(struct(Map.of("name", "no-uri"))))
                            .build()));
    assertThat(message).contains("uri").contains("required");
  }

  @Test
  void duplicateWorkspaceIsAlreadyExistsUnlessReused() {
    String ws = workspace();
    Grpc.failure(
        Status.Code.ALREADY_EXISTS,
        () -> Grpc.stub().createWorkspace(CreateWorkspaceRequest.newBuilder().setName(ws).build()));
    var reused =
        Grpc.stub()
            .createWorkspace(
                CreateWorkspaceRequest.newBuilder().setName(ws).setReuseIfExists(true).build());
    assertThat(reused.getLabelsMap()).containsEntry("n1", "v1");
  }

  @Test
  void badNamesAndMissingFieldsAreInvalidArguments() {
    assertThat(
            Grpc.failure(
                Status.Code.INVALID_ARGUMENT,
                () ->
                    Grpc.stub()
                        .createWorkspace(
                            CreateWorkspaceRequest.newBuilder().setName("bad name!").build())))
        .startsWith("name:");
    String ws = workspace();
    assertThat(
            Grpc.failure(
                Status.Code.INVALID_ARGUMENT,
                () ->
                    Grpc.stub()
                        .recordExecution(
                            RecordExecutionRequest.newBuilder()
                                .setWorkspace(ws)
                                .setExecution(execution("Train", ""))
                                .build())))
        .startsWith("execution.name:");
  }

  @Test
  void oversizedPropertiesAreRefused() {
    String ws = workspace();
    Map<String, Object> huge = new java.util.HashMap<>(dataset("big"));
    huge.put("query", "x".repeat(300_000));
    String message =
        Grpc.failure(
            Status.Code.INVALID_ARGUMENT,
            () ->
                Grpc.stub()
                    .createArtifact(
                        CreateArtifactRequest.newBuilder()
                            .setWorkspace(ws)
                            .setArtifact(
                                ArtifactSpec.newBuilder()
                                    .setType("Dataset")
                                    .setProperties(struct(huge)))
                            .build()));
    assertThat(message).startsWith("artifact.properties").contains("limit");
    assertThat(countArtifacts(ws)).isZero();
  }

  @Test
  void oversizedMessagesAreRejectedByTheTransport() {
    String ws = workspace();
    Map<String, Object> huge = new java.util.HashMap<>(dataset("big"));
    huge.put("query", "x".repeat(9 * 1024 * 1024));
    Grpc.failure(
        Status.Code.RESOURCE_EXHAUSTED,
        () ->
            Grpc.stub()
                .createArtifact(
                    CreateArtifactRequest.newBuilder()
                        .setWorkspace(ws)
                        .setArtifact(
                            ArtifactSpec.newBuilder()
                                .setType("Dataset")
                                .setProperties(struct(huge)))
                        .build()));
    assertThat(countArtifacts(ws)).isZero();
  }

  @Test
  void customTypesEvolveCompatiblyOnly() {
    String name = Names.unique("FeatureSet");
    Map<String, Object> v1 =
        Map.of(
            "type", "object",
            "properties",
                Map.of("uri", Map.of("type", "string"), "rows", Map.of("type", "integer")),
            "required", List.of("uri"));
    Type first = register(name, v1);
    assertThat(first.getVersion()).isEqualTo(1);
    assertThat(register(name, v1).getVersion()).isEqualTo(1);

    Map<String, Object> v2 =
        Map.of(
            "type", "object",
            "properties",
                Map.of(
                    "uri", Map.of("type", "string"),
                    "rows", Map.of("type", "integer"),
                    "columns", Map.of("type", "array")),
            "required", List.of("uri"));
    assertThat(register(name, v2).getVersion()).isEqualTo(2);

    Map<String, Object> incompatible =
        Map.of(
            "type", "object",
            "properties", Map.of("uri", Map.of("type", "string"), "rows", Map.of("type", "string")),
            "required", List.of("uri", "rows"));
    String message =
        Grpc.failure(Status.Code.FAILED_PRECONDITION, () -> register(name, incompatible));
    assertThat(message)
        .contains("'rows' changed")
        .contains("'columns' was removed")
        .contains("became required");
    assertThat(
            Grpc.stub()
                .getType(
                    GetTypeRequest.newBuilder().setKind(TypeKind.ARTIFACT).setName(name).build())
                .getVersion())
        .isEqualTo(2);

    String ws = workspace();
    Grpc.failure(
        Status.Code.INVALID_ARGUMENT,
        () ->
            Grpc.stub()
                .createArtifact(
                    CreateArtifactRequest.newBuilder()
                        .setWorkspace(ws)
                        .setArtifact(
                            ArtifactSpec.newBuilder()
                                .setType(name)
                                .setProperties(struct(Map.of("uri", "u", "rows", "many"))))
                        .build()));
  }

  private static Type register(String name, Map<String, Object> schema) {
    return Grpc.stub()
        .registerType(
            RegisterTypeRequest.newBuilder()
                .setKind(TypeKind.ARTIFACT)
                .setName(name)
                .setPropertiesSchema(struct(schema))
                .build());
  }

  @Test
  void builtinTypesAreRegistered() {
    for (String name : List.of("Dataset", "Model", "Metrics")) {
      assertThat(
              Grpc.stub()
                  .getType(
                      GetTypeRequest.newBuilder().setKind(TypeKind.ARTIFACT).setName(name).build())
                  .getBuiltin())
          .isTrue();
    }
    for (String name : List.of("Execution", "Train", "Tune", "Deploy")) {
      assertThat(
              Grpc.stub()
                  .getType(
                      GetTypeRequest.newBuilder().setKind(TypeKind.EXECUTION).setName(name).build())
                  .getName())
          .isEqualTo(name);
    }
    Grpc.stub()
        .getType(
            GetTypeRequest.newBuilder().setKind(TypeKind.CONTEXT).setName("Experiment").build());
  }

  @Test
  void listsPageByKeysetAndFilter() {
    String ws = workspace();
    for (int i = 0; i < 25; i++) {
      Grpc.stub()
          .createArtifact(
              CreateArtifactRequest.newBuilder()
                  .setWorkspace(ws)
                  .setArtifact(
                      ArtifactSpec.newBuilder()
                          .setType(i % 2 == 0 ? "Dataset" : "Model")
                          .setProperties(
                              struct(
                                  Map.of(
                                      "uri", "s3://b/" + i,
                                      "name", "item-" + i,
                                      "labels", Map.of("parity", i % 2 == 0 ? "even" : "odd")))))
                  .build());
    }
    Set<Long> seen = new HashSet<>();
    String token = "";
    int pages = 0;
    do {
      ListArtifactsResponse page =
          Grpc.stub()
              .listArtifacts(
                  ListArtifactsRequest.newBuilder()
                      .setWorkspace(ws)
                      .setPageSize(10)
                      .setPageToken(token)
                      .build());
      page.getArtifactsList().forEach(a -> assertThat(seen.add(a.getId())).isTrue());
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());
    assertThat(seen).hasSize(25);
    assertThat(pages).isEqualTo(3);

    ArtifactFilter models = ArtifactFilter.newBuilder().setType("Model").build();
    assertThat(list(ws, models)).hasSize(12);
    assertThat(list(ws, ArtifactFilter.newBuilder().putLabels("parity", "even").build()))
        .hasSize(13);
    assertThat(list(ws, ArtifactFilter.newBuilder().setName("item-3").build()))
        .singleElement()
        .extracting(Artifact::getUri)
        .isEqualTo("s3://b/3");
    assertThat(
            list(
                ws,
                ArtifactFilter.newBuilder()
                    .setPropertiesContain(struct(Map.of("uri", "s3://b/4")))
                    .build()))
        .hasSize(1);

    String firstToken =
        Grpc.stub()
            .listArtifacts(
                ListArtifactsRequest.newBuilder().setWorkspace(ws).setPageSize(5).build())
            .getNextPageToken();
    String message =
        Grpc.failure(
            Status.Code.INVALID_ARGUMENT,
            () ->
                Grpc.stub()
                    .listArtifacts(
                        ListArtifactsRequest.newBuilder()
                            .setWorkspace(ws)
                            .setFilter(models)
                            .setPageToken(firstToken)
                            .build()));
    assertThat(message).startsWith("page_token");
    Grpc.failure(
        Status.Code.INVALID_ARGUMENT,
        () ->
            Grpc.stub()
                .listArtifacts(
                    ListArtifactsRequest.newBuilder().setWorkspace(ws).setPageSize(5000).build()));
  }

  private static List<Artifact> list(String ws, ArtifactFilter filter) {
    return Grpc.stub()
        .listArtifacts(ListArtifactsRequest.newBuilder().setWorkspace(ws).setFilter(filter).build())
        .getArtifactsList();
  }

  @Test
  void executionsFilterByStateAndContext() {
    String ws = workspace();
    RecordExecutionResponse recorded = trainMnist(ws);
    trainMnist(ws);
    Grpc.stub()
        .updateExecution(
            UpdateExecutionRequest.newBuilder()
                .setId(recorded.getExecution().getId())
                .setState(ExecutionState.RUNNING)
                .build());
    assertThat(
            Grpc.stub()
                .listExecutions(
                    ListExecutionsRequest.newBuilder()
                        .setWorkspace(ws)
                        .setFilter(ExecutionFilter.newBuilder().setState(ExecutionState.RUNNING))
                        .build())
                .getExecutionsList())
        .extracting(Execution::getId)
        .containsExactly(recorded.getExecution().getId());
    assertThat(
            Grpc.stub()
                .listExecutions(
                    ListExecutionsRequest.newBuilder()
                        .setWorkspace(ws)
                        .setFilter(
                            ExecutionFilter.newBuilder()
                                .setContextId(recorded.getContexts(0).getId()))
                        .build())
                .getExecutionsCount())
        .as("both runs are recorded in context run-1, found by name")
        .isEqualTo(2);
  }

  @Test
  void batchesAreAllOrNothing() {
    String ws = workspace();
    RecordExecutionRequest good =
        RecordExecutionRequest.newBuilder()
            .setWorkspace(ws)
            .setExecution(execution("Train", "good"))
            .addOutputs(newArtifact("Model", model("m")))
            .build();
    RecordExecutionRequest bad =
        good.toBuilder().setOutputs(0, newArtifact("Model", Map.of("name", "no uri"))).build();
    String message =
        Grpc.failure(
            Status.Code.INVALID_ARGUMENT,
            () ->
                Grpc.stub()
                    .recordExecutions(
                        RecordExecutionsRequest.newBuilder()
                            .addExecutions(good)
                            .addExecutions(bad)
                            .build()));
    assertThat(message).startsWith("executions[1].outputs[0].new_artifact.properties");
    assertThat(countArtifacts(ws)).isZero();

    assertThat(
            Grpc.stub()
                .recordExecutions(
                    RecordExecutionsRequest.newBuilder()
                        .addExecutions(good)
                        .addExecutions(good)
                        .build())
                .getResultsCount())
        .isEqualTo(2);
    assertThat(countArtifacts(ws)).isEqualTo(2);
  }

  @Test
  void ingestStreamWritesEverythingInBatches() throws Exception {
    String ws = workspace();
    CompletableFuture<IngestSummary> summary = new CompletableFuture<>();
    StreamObserver<RecordExecutionRequest> stream =
        Grpc.asyncStub()
            .ingestExecutions(
                new StreamObserver<>() {
                  @Override
                  public void onNext(IngestSummary value) {
                    summary.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    summary.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    int count = 1_200;
    for (int i = 0; i < count; i++) {
      stream.onNext(
          RecordExecutionRequest.newBuilder()
              .setWorkspace(ws)
              .setExecution(execution("Train", "job-" + i))
              .addOutputs(newArtifact("Model", model("m-" + i)))
              .build());
    }
    stream.onCompleted();
    IngestSummary result = summary.get(120, TimeUnit.SECONDS);
    assertThat(result.getExecutionsRecorded()).isEqualTo(count);
    assertThat(result.getArtifactsWritten()).isEqualTo(count);
    assertThat(result.getEventsWritten()).isEqualTo(count);
    List<Long> ids = new ArrayList<>();
    String token = "";
    do {
      var page =
          Grpc.stub()
              .listArtifacts(
                  ListArtifactsRequest.newBuilder()
                      .setWorkspace(ws)
                      .setPageSize(1000)
                      .setPageToken(token)
                      .build());
      page.getArtifactsList().forEach(a -> ids.add(a.getId()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(ids).hasSize(count).doesNotHaveDuplicates();
  }

  @Test
  void contextParentsRefuseCycles() {
    String ws = workspace();
    long experiment =
        Grpc.stub()
            .createContext(
                CreateContextRequest.newBuilder()
                    .setWorkspace(ws)
                    .setContext(
                        ContextSpec.newBuilder().setType("Experiment").setName("tfjob-example"))
                    .build())
            .getId();
    long trialRun =
        Grpc.stub()
            .createContext(
                CreateContextRequest.newBuilder()
                    .setWorkspace(ws)
                    .setContext(
                        ContextSpec.newBuilder()
                            .setType("Run")
                            .setName("trial-1")
                            .addParentContextIds(experiment))
                    .build())
            .getId();
    String message =
        Grpc.failure(
            Status.Code.FAILED_PRECONDITION,
            () ->
                Grpc.stub()
                    .updateContext(
                        UpdateContextRequest.newBuilder()
                            .setId(experiment)
                            .addAddParentContextIds(trialRun)
                            .build()));
    assertThat(message).contains("cycle");
    Grpc.failure(
        Status.Code.ALREADY_EXISTS,
        () ->
            Grpc.stub()
                .createContext(
                    CreateContextRequest.newBuilder()
                        .setWorkspace(ws)
                        .setContext(ContextSpec.newBuilder().setType("Run").setName("trial-1"))
                        .build()));
  }

  @Test
  void standardHealthServiceReportsServing() {
    HealthCheckResponse response =
        HealthGrpc.newBlockingStub(Grpc.channel())
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .check(HealthCheckRequest.newBuilder().build());
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void unknownIdsAreNotFound() {
    Grpc.failure(
        Status.Code.NOT_FOUND,
        () ->
            Grpc.stub().getArtifact(GetArtifactRequest.newBuilder().setId(Long.MAX_VALUE).build()));
    Grpc.failure(
        Status.Code.NOT_FOUND,
        () ->
            Grpc.stub()
                .listArtifacts(
                    ListArtifactsRequest.newBuilder().setWorkspace(Names.unique("none")).build()));
  }
}
