package io.mlmeta.sdk.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.mlmeta.proto.v1.Artifact;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.sdk.model.ArtifactState;
import io.mlmeta.sdk.model.DataSet;
import io.mlmeta.sdk.model.Metrics;
import io.mlmeta.sdk.model.Model;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtosTest {

  private static final Timestamp CREATED =
      Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(123_456_789).build();

  private static Artifact stored(ArtifactSpec spec, long id) {
    return Artifact.newBuilder()
        .setId(id)
        .setWorkspace("ws")
        .setType(spec.getType())
        .setExternalId(spec.getExternalId())
        .setProperties(spec.getProperties())
        .setState(io.mlmeta.proto.v1.ArtifactState.LIVE)
        .setDigest(spec.getDigest())
        .setCreateTime(CREATED)
        .build();
  }

  @Test
  void modelRoundTripsThroughItsProperties() {
    Model model =
        Model.builder()
            .uri("gs://bucket/model")
            .name("MNIST")
            .version("v1")
            .description("d")
            .owner("o")
            .modelType("neural network")
            .trainingFramework("tensorflow", "v1.0")
            .hyperparameters(
                Map.of("learning_rate", 0.5, "layers", List.of(10, 3, 1), "early_stop", true))
            .labels(Map.of("mylabel", "l1"))
            .digest("sha256:00")
            .build();

    ArtifactSpec spec = Protos.spec(model, "key");
    Model back = Protos.artifact(stored(spec, 7), Model.class);

    assertThat(spec.getProperties().getFieldsMap())
        .containsKeys("uri", "name", "version", "model_type", "training_framework")
        .doesNotContainKey("query");
    assertThat(back)
        .isEqualTo(
            model.toBuilder()
                .id(7)
                .workspace("ws")
                .externalId("key")
                .state(ArtifactState.LIVE)
                .createTime(Instant.ofEpochSecond(1_700_000_000, 123_457_000))
                .build());
  }

  @Test
  void dataSetAndMetricsRoundTrip() {
    DataSet data =
        DataSet.builder().uri("u").name("n").version("v").query("SELECT 1").owner("me").build();
    Metrics metrics =
        Metrics.builder()
            .uri("u")
            .name("n")
            .dataSetId(3L)
            .modelId(4L)
            .metricsType(Metrics.Type.TESTING)
            .values(Map.of("accuracy", 1.0, "loss", 0.25))
            .build();

    DataSet dataBack = Protos.artifact(stored(Protos.spec(data, "a"), 1), DataSet.class);
    Metrics metricsBack = Protos.artifact(stored(Protos.spec(metrics, "b"), 2), Metrics.class);

    assertThat(dataBack.query()).isEqualTo("SELECT 1");
    assertThat(dataBack.owner()).isEqualTo("me");
    assertThat(metricsBack.dataSetId()).isEqualTo(3L);
    assertThat(metricsBack.modelId()).isEqualTo(4L);
    assertThat(metricsBack.metricsType()).isEqualTo(Metrics.Type.TESTING);
    assertThat(metricsBack.values()).isEqualTo(Map.of("accuracy", 1.0, "loss", 0.25));
    assertThat(
            Protos.spec(metrics, "b")
                .getProperties()
                .getFieldsOrThrow("metrics_type")
                .getStringValue())
        .isEqualTo("testing");
  }

  @Test
  void idsStoredAsTextAreRead() {
    Artifact proto =
        Artifact.newBuilder()
            .setId(1)
            .setType("Metrics")
            .setProperties(Structs.toStruct(Map.of("uri", "u", "name", "n", "data_set_id", "12")))
            .build();

    Metrics metrics = Protos.artifact(proto, Metrics.class);

    assertThat(metrics.dataSetId()).isEqualTo(12L);
    assertThat(metrics.modelId()).isNull();
    assertThat(metrics.createTime()).isNull();
  }
}
