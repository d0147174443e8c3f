package io.mlmeta.server.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.proto.v1.ContextLink;
import io.mlmeta.proto.v1.ContextSpec;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.server.api.grpc.mapper.StructMapper;
import java.util.Map;

/** Builders of request messages for tests: the Kubeflow example's artifacts and friends. */
public final class Protos {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Protos() {}

  public static Struct struct(Map<String, ?> values) {
    return StructMapper.toStruct(JSON.valueToTree(values));
  }

  public static ObjectNode json(Struct struct) {
    return StructMapper.toJson(struct);
  }

  public static ArtifactLink newArtifact(String type, Map<String, ?> properties) {
    return ArtifactLink.newBuilder()
        .setNewArtifact(ArtifactSpec.newBuilder().setType(type).setProperties(struct(properties)))
        .build();
  }

  public static ArtifactLink existing(long id) {
    return ArtifactLink.newBuilder().setArtifactId(id).build();
  }

  public static ExecutionSpec execution(String type, String name) {
    return ExecutionSpec.newBuilder().setType(type).setName(name).build();
  }

  public static ContextLink run(String name) {
    return ContextLink.newBuilder()
        .setContextSpec(ContextSpec.newBuilder().setType("Run").setName(name))
        .build();
  }

  public static Map<String, Object> dataset(String name) {
    return Map.of(
        "uri", "file://path/to/" + name,
        "name", name,
        "version", "v1.0.0",
        "description", "an example data",
        "owner", "owner@my-company.org",
        "query", "SELECT * FROM mytable",
        "labels", Map.of("team", "vision"));
  }

  public static Map<String, Object> model(String name) {
    return Map.of(
        "uri",
        "gcs://my-bucket/" + name,
        "name",
        name,
        "version",
        "model_version_1",
        "description",
        "model to recognize handwritten digits",
        "owner",
        "someone@kubeflow.org",
        "model_type",
        "neural network",
        "training_framework",
        Map.of("name", "tensorflow", "version", "v1.0"),
        "hyperparameters",
        Map.of("learning_rate", 0.5, "layers", java.util.List.of(10, 3, 1), "early_stop", true),
        "labels",
        Map.of("mylabel", "l1"));
  }
}
