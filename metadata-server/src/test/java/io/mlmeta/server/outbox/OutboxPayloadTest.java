package io.mlmeta.server.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxPayloadTest {

  private static final Instant CREATED = Instant.parse("2026-12-05T10:15:30.123456Z");
  private static final Node DATASET =
      new Node(NodeKey.artifact(7), 3, "Dataset", "LIVE", "mnist", "s3://data/mnist", CREATED);
  private static final Node TRAINING =
      new Node(NodeKey.execution(9), 3, "Train", "COMPLETE", null, null, CREATED);
  private static final Node MODEL =
      new Node(NodeKey.artifact(11), 3, "Model", "LIVE", "cnn", "s3://models/cnn", CREATED);
  private static final LineageChanges CHANGES =
      new LineageChanges(
          3,
          List.of(TRAINING, DATASET, MODEL),
          List.of(
              Edge.input(DATASET.key(), TRAINING.key(), CREATED),
              Edge.output(TRAINING.key(), MODEL.key(), CREATED)));

  @Test
  void whatIsWrittenReadsBackUnchanged() {
    assertThat(OutboxPayload.read(OutboxPayload.write(CHANGES))).isEqualTo(CHANGES);
  }

  @Test
  void whatIsWrittenMatchesTheSchemaInTheSchemasModule() throws Exception {
    JsonNode written = new ObjectMapper().readTree(OutboxPayload.write(CHANGES));
    assertThat(written.get("version").asInt()).isEqualTo(OutboxPayload.VERSION);
    assertThat(schema().validate(written)).isEmpty();
  }

  @Test
  void theSchemaRefusesARowWithoutItsRequiredFields() throws Exception {
    JsonNode broken =
        new ObjectMapper()
            .readTree(
                "{\"version\":1,\"workspaceId\":3,\"nodes\":[{\"kind\":\"ARTIFACT\",\"id\":7}],"
                    + "\"edges\":[]}");
    assertThat(schema().validate(broken)).isNotEmpty();
  }

  @Test
  void rowsWrittenBeforeTheVersionFieldAreReadAsVersionOne() {
    String legacy =
        "{\"workspaceId\":3,\"nodes\":[{\"kind\":\"ARTIFACT\",\"id\":7,\"workspaceId\":3,"
            + "\"type\":\"Dataset\",\"state\":\"LIVE\",\"name\":\"mnist\",\"uri\":\"s3://data/mnist\","
            + "\"createTime\":\"2026-12-05T10:15:30.123456Z\"},{\"kind\":\"EXECUTION\",\"id\":9,"
            + "\"workspaceId\":3,\"type\":\"Train\",\"state\":\"COMPLETE\",\"name\":null,\"uri\":null,"
            + "\"createTime\":\"2026-12-05T10:15:30.123456Z\"}],\"edges\":[{\"artifactId\":7,"
            + "\"executionId\":9,\"type\":\"INPUT\",\"time\":\"2026-12-05T10:15:30.123456Z\"}]}";
    assertThat(OutboxPayload.read(legacy))
        .isEqualTo(
            new LineageChanges(
                3,
                List.of(DATASET, TRAINING),
                List.of(Edge.input(DATASET.key(), TRAINING.key(), CREATED))));
  }

  @Test
  void aNewerVersionIsRefusedNamingIt() {
    assertThatThrownBy(
            () -> OutboxPayload.read("{\"version\":2,\"workspaceId\":3,\"nodes\":[],\"edges\":[]}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 2")
        .hasMessageContaining("reads (1)");
  }

  private static JsonSchema schema() throws Exception {
    try (InputStream in =
        OutboxPayloadTest.class.getResourceAsStream(
            "/io/mlmeta/schemas/outbox/lineage-changes.v1.json")) {
      assertThat(in).as("the schemas module ships the outbox row schema").isNotNull();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }
}
