package io.mlmeta.server.api.access;

import static io.mlmeta.server.support.Protos.dataset;
import static io.mlmeta.server.support.Protos.execution;
import static io.mlmeta.server.support.Protos.existing;
import static io.mlmeta.server.support.Protos.model;
import static io.mlmeta.server.support.Protos.newArtifact;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.GetImpactRequest;
import io.mlmeta.proto.v1.GetImpactResponse;
import io.mlmeta.proto.v1.LineageNode;
import io.mlmeta.proto.v1.LineageServiceGrpc;
import io.mlmeta.proto.v1.LineageStart;
import io.mlmeta.proto.v1.ReadOptions;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.server.support.Caller;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lineage across teams (issue 13): a trainer may read another team's dataset as an input once it
 * may read that team's workspace, and every walk shows nodes of workspaces its caller cannot read
 * as redacted stubs (key and kind only) with counts, never their names, through GraphQL and gRPC.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class CrossWorkspaceLineageTest {

  private static final String GRANT =
      "mutation($w: String!, $g: String!) {"
          + " grantRole(workspace: $w, granteeKind: USER, grantee: $g, role: READER) { role } }";
  private static final String REVOKE =
      "mutation($w: String!, $g: String!) {"
          + " revokeRole(workspace: $w, granteeKind: USER, grantee: $g) }";
  private static final String LINEAGE =
      "query($id: String!, $d: Direction, $e: String) {"
          + " lineage(artifactIds: [$id], direction: $d, engine: $e, minPosition: 1) {"
          + " nodes { key kind type state name uri hops redacted artifact { name } execution { name } } } }";
  private static final String IMPACT =
      "query($id: String!) { impact(artifactIds: [$id]) { total redacted"
          + " groups { type nodes { key } } redactedNodes { key kind type name redacted } } }";

  /** A data team's dataset and the trainer's run that read it, each in its own workspace. */
  private record TwoTeams(
      Caller dataOwner,
      Caller trainer,
      String dataWs,
      String trainWs,
      long dataset,
      long train,
      long model) {}

  @Test
  void anotherTeamsDatasetIsAnInputOnlyForThoseWhoMayReadIt() {
    Caller dataOwner = Caller.uniqueUser("data");
    Caller trainer = Caller.uniqueUser("trainer");
    String dataWs = workspace(dataOwner);
    String trainWs = workspace(trainer);
    long dataset = recordDataset(dataOwner, dataWs);

    String refused = Grpc.failure(Status.Code.NOT_FOUND, () -> train(trainer, trainWs, dataset));
    assertThat(refused).contains("inputs[0].artifact_id").contains("does not exist");

    grantReader(dataOwner, dataWs, trainer);
    String notAnOutput =
        Grpc.failure(
            Status.Code.INVALID_ARGUMENT,
            () ->
                trainer
                    .grpc(Grpc.stub())
                    .recordExecution(
                        RecordExecutionRequest.newBuilder()
                            .setWorkspace(trainWs)
                            .setExecution(execution("Train", Names.unique("overwrite")))
                            .addOutputs(existing(dataset))
                            .build()));
    assertThat(notAnOutput).contains("outputs[0].artifact_id").contains("another workspace");
    RecordExecutionResponse trained = train(trainer, trainWs, dataset);
    assertThat(trained.getInputs(0).getId()).isEqualTo(dataset);
  }

  @Test
  void walksShowOtherTeamsNodesAsRedactedStubs() {
    TwoTeams teams = twoTeams();
    String datasetId = Long.toString(teams.dataset());

    for (String engine : List.of("memory", "postgres", "neo4j")) {
      List<Map<String, Object>> seenByDataTeam =
          teams
              .dataOwner()
              .graphQl(LINEAGE, Map.of("id", datasetId, "d", "DOWNSTREAM", "e", engine))
              .getList("data.lineage.nodes");
      assertThat(seenByDataTeam).as(engine).hasSize(3);
      assertThat(seenByDataTeam.get(0)).containsEntry("redacted", false).containsEntry("hops", 0);
      for (Map<String, Object> stub : seenByDataTeam.subList(1, 3)) {
        assertThat(stub)
            .as(engine)
            .containsEntry("redacted", true)
            .containsEntry("type", null)
            .containsEntry("state", null)
            .containsEntry("name", null)
            .containsEntry("uri", null)
            .containsEntry("artifact", null)
            .containsEntry("execution", null);
      }
      assertThat(seenByDataTeam.stream().map(node -> node.get("key")))
          .containsExactly(
              "artifact:" + teams.dataset(),
              "execution:" + teams.train(),
              "artifact:" + teams.model());
    }
    assertThat(teams.dataOwner().graphQl(LINEAGE, Map.of("id", datasetId)).prettify())
        .doesNotContain("mnist_training")
        .doesNotContain("MNIST");

    JsonPath impact = teams.dataOwner().graphQl(IMPACT, Map.of("id", datasetId));
    assertThat(impact.getInt("data.impact.total")).isEqualTo(2);
    assertThat(impact.getInt("data.impact.redacted")).isEqualTo(2);
    assertThat(impact.getList("data.impact.groups")).isEmpty();
    assertThat(impact.getList("data.impact.redactedNodes.key"))
        .containsExactly("execution:" + teams.train(), "artifact:" + teams.model());
    assertThat(impact.getList("data.impact.redactedNodes.name")).containsOnlyNulls();

    GetImpactResponse grpcImpact =
        teams
            .dataOwner()
            .grpc(LineageServiceGrpc.newBlockingStub(Grpc.channel()))
            .getImpact(
                GetImpactRequest.newBuilder()
                    .setStart(LineageStart.newBuilder().addArtifactIds(teams.dataset()))
                    .setRead(ReadOptions.newBuilder().setMinPosition(1))
                    .build());
    assertThat(grpcImpact.getTotal()).isEqualTo(2);
    assertThat(grpcImpact.getRedacted()).isEqualTo(2);
    assertThat(grpcImpact.getGroupsList()).isEmpty();
    for (LineageNode stub : grpcImpact.getRedactedNodesList()) {
      assertThat(stub.getRedacted()).isTrue();
      assertThat(stub.getName()).isEmpty();
      assertThat(stub.getType()).isEmpty();
      assertThat(stub.getWorkspaceId()).isZero();
    }

    String noPath =
        teams
            .dataOwner()
            .graphQl(
                "query($f: String!, $t: String!) { lineagePaths(from: $f, to: $t) { paths {"
                    + " nodes { key } } } }",
                Map.of("f", "artifact:" + teams.dataset(), "t", "artifact:" + teams.model()))
            .getString("errors[0].extensions.code");
    assertThat(noPath).isEqualTo("NOT_FOUND");
  }

  @Test
  void losingReadAccessRedactsAnInputButKeepsItsHistory() {
    TwoTeams teams = twoTeams();
    String modelId = Long.toString(teams.model());

    List<Map<String, Object>> upstream =
        teams
            .trainer()
            .graphQl(LINEAGE, Map.of("id", modelId, "d", "UPSTREAM"))
            .getList("data.lineage.nodes");
    assertThat(upstream.stream().map(node -> node.get("redacted"))).containsOnly(false);
    assertThat(upstream.get(2)).containsEntry("key", "artifact:" + teams.dataset());

    JsonPath revoked =
        teams
            .dataOwner()
            .graphQl(REVOKE, Map.of("w", teams.dataWs(), "g", teams.trainer().subject()));
    assertThat(revoked.getBoolean("data.revokeRole")).as(revoked.prettify()).isTrue();

    List<Map<String, Object>> afterRevoke =
        teams
            .trainer()
            .graphQl(LINEAGE, Map.of("id", modelId, "d", "UPSTREAM"))
            .getList("data.lineage.nodes");
    assertThat(afterRevoke).as("model, train, dataset and the run that made it").hasSize(4);
    assertThat(afterRevoke.get(2))
        .containsEntry("key", "artifact:" + teams.dataset())
        .containsEntry("redacted", true)
        .containsEntry("name", null);
    assertThat(afterRevoke.get(3))
        .containsEntry("kind", "EXECUTION")
        .containsEntry("redacted", true);

    JsonPath execution =
        teams
            .trainer()
            .graphQl(
                "query($id: ID!) { execution(id: $id) { inputs { name }"
                    + " events { type artifactId artifact { name } } } }",
                Map.of("id", Long.toString(teams.train())));
    assertThat(execution.getList("data.execution.inputs")).as(execution.prettify()).isEmpty();
    assertThat(execution.getList("data.execution.events.artifactId"))
        .contains(Long.toString(teams.dataset()));
    assertThat(execution.prettify()).doesNotContain("mnist-");
  }

  private static TwoTeams twoTeams() {
    Caller dataOwner = Caller.uniqueUser("data");
    Caller trainer = Caller.uniqueUser("trainer");
    String dataWs = workspace(dataOwner);
    String trainWs = workspace(trainer);
    long dataset = recordDataset(dataOwner, dataWs);
    grantReader(dataOwner, dataWs, trainer);
    RecordExecutionResponse trained = train(trainer, trainWs, dataset);
    return new TwoTeams(
        dataOwner,
        trainer,
        dataWs,
        trainWs,
        dataset,
        trained.getExecution().getId(),
        trained.getOutputs(0).getId());
  }

  private static String workspace(Caller owner) {
    String name = Names.unique("team");
    owner
        .grpc(Grpc.stub())
        .createWorkspace(CreateWorkspaceRequest.newBuilder().setName(name).build());
    return name;
  }

  private static long recordDataset(Caller owner, String ws) {
    return owner
        .grpc(Grpc.stub())
        .recordExecution(
            RecordExecutionRequest.newBuilder()
                .setWorkspace(ws)
                .setExecution(execution("Execution", Names.unique("ingest")))
                .addOutputs(newArtifact("Dataset", dataset(Names.unique("mnist-"))))
                .build())
        .getOutputs(0)
        .getId();
  }

  private static RecordExecutionResponse train(Caller trainer, String ws, long dataset) {
    return trainer
        .grpc(Grpc.stub())
        .recordExecution(
            RecordExecutionRequest.newBuilder()
                .setWorkspace(ws)
                .setExecution(execution("Train", "mnist_training"))
                .addInputs(existing(dataset))
                .addOutputs(newArtifact("Model", model("MNIST")))
                .build());
  }

  private static void grantReader(Caller owner, String ws, Caller reader) {
    JsonPath granted = owner.graphQl(GRANT, Map.of("w", ws, "g", reader.subject()));
    assertThat(granted.getString("data.grantRole.role")).as(granted.prettify()).isEqualTo("READER");
  }
}
