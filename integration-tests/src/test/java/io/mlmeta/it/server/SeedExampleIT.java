package io.mlmeta.it.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mlmeta.it.support.GraphQlClient;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.proto.v1.ContextLink;
import io.mlmeta.proto.v1.ContextSpec;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's example on the packaged server: a workspace, an execution consuming a Dataset and
 * producing a Model (with training_framework and hyperparameters), then Metrics, written over gRPC
 * and read back over GraphQL with every field intact; and still there after a restart.
 */
class SeedExampleIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static PackagedServer server;
  private static ManagedChannel channel;

  @BeforeAll
  static void connect() {
    server = PackagedServer.shared();
    channel = ManagedChannelBuilder.forTarget(server.grpcTarget()).usePlaintext().build();
  }

  @AfterAll
  static void disconnect() {
    channel.shutdownNow();
  }

  private static MetadataServiceGrpc.MetadataServiceBlockingStub grpc() {
    return MetadataServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static final Map<String, Object> DATASET =
      Map.of(
          "uri", "file://path/to/dataset",
          "name", "mytable-dump",
          "version", "v1.0.0",
          "description", "an example data",
          "owner", "owner@my-company.org",
          "query", "SELECT * FROM mytable");

  private static final Map<String, Object> MODEL =
      Map.of(
          "uri", "gcs://my-bucket/mnist",
          "name", "MNIST",
          "version", "model_version_1",
          "description", "model to recognize handwritten digits",
          "owner", "someone@kubeflow.org",
          "model_type", "neural network",
          "training_framework", Map.of("name", "tensorflow", "version", "v1.0"),
          "hyperparameters",
              Map.of("learning_rate", 0.5, "layers", List.of(10, 3, 1), "early_stop", true),
          "labels", Map.of("mylabel", "l1"));

  @Test
  void seedExampleRoundTripsAndSurvivesARestart() throws Exception {
    String ws = "ws-" + UUID.randomUUID();
    grpc()
        .createWorkspace(
            CreateWorkspaceRequest.newBuilder()
                .setName(ws)
                .setDescription("a workspace for testing")
                .putLabels("n1", "v1")
                .build());
    RecordExecutionResponse training =
        grpc()
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(
                        ExecutionSpec.newBuilder()
                            .setType("Execution")
                            .setName("execution")
                            .setDescription("execution example"))
                    .addInputs(artifact("Dataset", DATASET))
                    .addOutputs(artifact("Model", MODEL))
                    .addContexts(
                        ContextLink.newBuilder()
                            .setContextSpec(
                                ContextSpec.newBuilder()
                                    .setType("Run")
                                    .setName("run-1")
                                    .setDescription("a run in ws_1")))
                    .build());
    long modelId = training.getOutputs(0).getId();
    long datasetId = training.getInputs(0).getId();
    Map<String, Object> metrics =
        Map.of(
            "uri",
            "gcs://my-bucket/mnist-eval.csv",
            "name",
            "MNIST-evaluation",
            "data_set_id",
            datasetId,
            "model_id",
            modelId,
            "metrics_type",
            "validation",
            "values",
            Map.of("accuracy", 0.95));
    grpc()
        .recordExecution(
            RecordExecutionRequest.newBuilder()
                .setWorkspace(ws)
                .setExecutionId(training.getExecution().getId())
                .addOutputs(artifact("Metrics", metrics))
                .build());

    assertStored(ws, modelId, metrics);
    server.restart();
    assertStored(ws, modelId, metrics);
  }

  private void assertStored(String ws, long modelId, Map<String, Object> metrics) throws Exception {
    GraphQlClient graphQl = new GraphQlClient(server.httpUrl());
    JsonNode data =
        graphQl.data(
            """
            query($ws: String!) {
              workspace(name: $ws) { name description labels { key value } }
              artifacts(workspace: $ws) { nodes { id type name version properties producers { name contexts { name } } } }
            }
            """,
            Map.of("ws", ws));
    assertThat(data.at("/workspace/description").asText()).isEqualTo("a workspace for testing");
    Map<String, JsonNode> byType = new java.util.HashMap<>();
    data.at("/artifacts/nodes").forEach(node -> byType.put(node.get("type").asText(), node));
    assertThat(byType).containsOnlyKeys("Dataset", "Model", "Metrics");
    assertThat(JSON.readTree(byType.get("Dataset").get("properties").asText()))
        .isEqualTo(canonical(DATASET));
    assertThat(JSON.readTree(byType.get("Model").get("properties").asText()))
        .isEqualTo(canonical(MODEL));
    assertThat(JSON.readTree(byType.get("Metrics").get("properties").asText()))
        .isEqualTo(canonical(metrics));
    assertThat(byType.get("Model").get("id").asText()).isEqualTo(Long.toString(modelId));
    assertThat(byType.get("Model").at("/producers/0/contexts/0/name").asText()).isEqualTo("run-1");
  }

  /** JSON as a client would read it back: numbers in their smallest integral form. */
  private static JsonNode canonical(Object value) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(value));
  }

  private static ArtifactLink artifact(String type, Map<String, Object> properties) {
    return ArtifactLink.newBuilder()
        .setNewArtifact(ArtifactSpec.newBuilder().setType(type).setProperties(struct(properties)))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Struct struct(Map<String, Object> map) {
    Struct.Builder struct = Struct.newBuilder();
    map.forEach((key, value) -> struct.putFields(key, value(value)));
    return struct.build();
  }

  @SuppressWarnings("unchecked")
  private static Value value(Object value) {
    if (value instanceof Map<?, ?> map) {
      return Value.newBuilder().setStructValue(struct((Map<String, Object>) map)).build();
    }
    if (value instanceof List<?> list) {
      ListValue.Builder values = ListValue.newBuilder();
      list.forEach(item -> values.addValues(value(item)));
      return Value.newBuilder().setListValue(values).build();
    }
    if (value instanceof Number number) {
      return Value.newBuilder().setNumberValue(number.doubleValue()).build();
    }
    if (value instanceof Boolean bool) {
      return Value.newBuilder().setBoolValue(bool).build();
    }
    return Value.newBuilder().setStringValue(String.valueOf(value)).build();
  }
}
