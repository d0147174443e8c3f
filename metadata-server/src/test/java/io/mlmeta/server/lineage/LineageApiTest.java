package io.mlmeta.server.lineage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.mlmeta.proto.v1.ArtifactFilter;
import io.mlmeta.proto.v1.CheckMirrorRequest;
import io.mlmeta.proto.v1.CheckMirrorResponse;
import io.mlmeta.proto.v1.ExecutionFilter;
import io.mlmeta.proto.v1.FindPathsRequest;
import io.mlmeta.proto.v1.FindPathsResponse;
import io.mlmeta.proto.v1.GetImpactRequest;
import io.mlmeta.proto.v1.GetImpactResponse;
import io.mlmeta.proto.v1.GetLineageRequest;
import io.mlmeta.proto.v1.GetLineageResponse;
import io.mlmeta.proto.v1.GetMirrorStatusRequest;
import io.mlmeta.proto.v1.ImpactGroup;
import io.mlmeta.proto.v1.LineageAdminServiceGrpc;
import io.mlmeta.proto.v1.LineageDirection;
import io.mlmeta.proto.v1.LineageNode;
import io.mlmeta.proto.v1.LineageServiceGrpc;
import io.mlmeta.proto.v1.LineageStart;
import io.mlmeta.proto.v1.NodeFilter;
import io.mlmeta.proto.v1.ReadOptions;
import io.mlmeta.proto.v1.RebuildMirrorRequest;
import io.mlmeta.server.support.GraphQl;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.Pipelines;
import io.mlmeta.server.support.Pipelines.Pipeline;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every lineage query shape on the recorded pipeline dataset -> train -> model -> evaluate ->
 * metrics, model -> deploy, asked of every engine; and the mirror's admin operations.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class LineageApiTest {

  private static LineageServiceGrpc.LineageServiceBlockingStub lineage() {
    return LineageServiceGrpc.newBlockingStub(Grpc.channel())
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  static LineageAdminServiceGrpc.LineageAdminServiceBlockingStub admin() {
    return LineageAdminServiceGrpc.newBlockingStub(Grpc.channel())
        .withDeadlineAfter(120, TimeUnit.SECONDS);
  }

  private static GetLineageResponse walk(
      String engine, long position, LineageDirection direction, long artifactId, int hops) {
    return lineage()
        .getLineage(
            GetLineageRequest.newBuilder()
                .setStart(LineageStart.newBuilder().addArtifactIds(artifactId))
                .setDirection(direction)
                .setMaxHops(hops)
                .setPageSize(1000)
                .setRead(ReadOptions.newBuilder().setEngine(engine).setMinPosition(position))
                .build());
  }

  /** The index loads in the background at start; tests that name it wait for it once. */
  static void awaitIndex() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                given()
                    .get("/q/metrics")
                    .asString()
                    .lines()
                    .anyMatch(line -> line.startsWith("mlmeta_lineage_index_ready 1.0")));
  }

  /**
   * Waits (as long as a loaded machine needs) until the Neo4j mirror holds {@code position}, so a
   * query that asks for Neo4j is answered by it whatever the machine's speed.
   */
  private static void awaitMirror(long position) {
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                admin()
                        .getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance())
                        .getMirrorPosition()
                    >= position);
  }

  private static List<String> keys(GetLineageResponse response) {
    return response.getNodesList().stream().map(LineageNode::getKey).toList();
  }

  @Test
  void upstreamOfTheServedModelFindsItsTrainingDataOnEveryEngine() {
    awaitIndex();
    Pipeline p = Pipelines.record(Pipelines.workspace());
    awaitMirror(p.position());
    for (String engine : List.of("memory", "postgres", "neo4j")) {
      GetLineageResponse up = walk(engine, p.position(), LineageDirection.UPSTREAM, p.model(), 4);
      assertThat(up.getAnsweredBy().getEngine()).isEqualTo(engine);
      assertThat(keys(up))
          .containsExactly(
              "artifact:" + p.model(), "execution:" + p.train(), "artifact:" + p.dataset());
      assertThat(up.getNodesList()).extracting(LineageNode::getHops).containsExactly(0, 1, 2);
      assertThat(up.getEdgesCount()).isEqualTo(2);
      assertThat(up.getTruncated()).isFalse();
    }
  }

  @Test
  void downstreamHopsFiltersStopsAndPagesAgreeAcrossEngines() {
    Pipeline p = Pipelines.record(Pipelines.workspace());
    GetLineageResponse pg =
        walk("postgres", p.position(), LineageDirection.DOWNSTREAM, p.dataset(), 4);
    GetLineageResponse neo =
        walk("neo4j", p.position(), LineageDirection.DOWNSTREAM, p.dataset(), 4);
    GetLineageResponse memory =
        walk("memory", p.position(), LineageDirection.DOWNSTREAM, p.dataset(), 4);
    assertThat(keys(neo)).isEqualTo(keys(pg));
    assertThat(keys(memory)).isEqualTo(keys(pg));
    assertThat(keys(pg))
        .containsExactly(
            "artifact:" + p.dataset(),
            "execution:" + p.train(),
            "artifact:" + p.model(),
            "execution:" + p.evaluate(),
            "execution:" + p.deploy(),
            "artifact:" + p.metrics());

    GetLineageResponse onlyArtifacts =
        lineage()
            .getLineage(
                GetLineageRequest.newBuilder()
                    .setStart(LineageStart.newBuilder().addArtifactIds(p.dataset()))
                    .setDirection(LineageDirection.DOWNSTREAM)
                    .setFilter(NodeFilter.newBuilder().addTypes("Model").addTypes("Metrics"))
                    .setStopAt(NodeFilter.newBuilder().addTypes("Model"))
                    .build());
    assertThat(keys(onlyArtifacts)).containsExactly("artifact:" + p.model());

    GetLineageResponse first =
        lineage()
            .getLineage(
                GetLineageRequest.newBuilder()
                    .setStart(LineageStart.newBuilder().addArtifactIds(p.dataset()))
                    .setDirection(LineageDirection.DOWNSTREAM)
                    .setPageSize(4)
                    .build());
    assertThat(first.getTruncated()).isTrue();
    assertThat(first.getTruncation()).isEqualTo("PAGE");
    GetLineageResponse second =
        lineage()
            .getLineage(
                GetLineageRequest.newBuilder()
                    .setStart(LineageStart.newBuilder().addArtifactIds(p.dataset()))
                    .setDirection(LineageDirection.DOWNSTREAM)
                    .setPageSize(4)
                    .setPageToken(first.getNextPageToken())
                    .build());
    assertThat(second.getTruncated()).isFalse();
    assertThat(java.util.stream.Stream.concat(keys(first).stream(), keys(second).stream()).toList())
        .containsExactlyElementsOf(keys(pg));
  }

  @Test
  void impactGroupsEverythingThatDependsOnTheDataset() {
    awaitIndex();
    Pipeline p = Pipelines.record(Pipelines.workspace());
    awaitMirror(p.position());
    for (String engine : List.of("memory", "postgres", "neo4j")) {
      GetImpactResponse impact =
          lineage()
              .getImpact(
                  GetImpactRequest.newBuilder()
                      .setStart(LineageStart.newBuilder().addArtifactIds(p.dataset()))
                      .setRead(
                          ReadOptions.newBuilder().setEngine(engine).setMinPosition(p.position()))
                      .build());
      assertThat(impact.getGroupsList())
          .extracting(ImpactGroup::getType)
          .containsExactly("Deploy", "Evaluate", "Metrics", "Model", "Train");
      assertThat(impact.getTotal()).isEqualTo(5);
      assertThat(impact.getAnsweredBy().getEngine()).isEqualTo(engine);
    }
  }

  @Test
  void theIndexAnswersEveryShapeByDefaultIncludingTheWriteJustMade() {
    awaitIndex();
    Pipeline p = Pipelines.record(Pipelines.workspace());
    awaitMirror(p.position());
    for (String engine : List.of("", "neo4j", "postgres")) {
      FindPathsRequest request =
          FindPathsRequest.newBuilder()
              .setFrom("artifact:" + p.dataset())
              .setTo("execution:" + p.deploy())
              .setDirection(LineageDirection.DOWNSTREAM)
              .setRead(ReadOptions.newBuilder().setEngine(engine))
              .build();
      // A query must include every write so far, and Neo4j answers only once its mirror has them:
      // a write that lands meanwhile (from anywhere) sends the request elsewhere until the mirror
      // catches up, so wait for that rather than for a fast machine.
      FindPathsResponse paths =
          engine.equals("neo4j")
              ? await()
                  .atMost(Duration.ofSeconds(120))
                  .until(
                      () -> lineage().findPaths(request),
                      answer -> answer.getAnsweredBy().getEngine().equals("neo4j"))
              : lineage().findPaths(request);
      assertThat(paths.getAnsweredBy().getEngine()).isEqualTo(engine.isEmpty() ? "memory" : engine);
      assertThat(paths.getAnsweredBy().getReason())
          .isEqualTo(engine.isEmpty() ? "router" : "requested");
      assertThat(paths.getPathsList()).hasSize(1);
      assertThat(paths.getPaths(0).getNodesList())
          .extracting(LineageNode::getKey)
          .containsExactly(
              "artifact:" + p.dataset(),
              "execution:" + p.train(),
              "artifact:" + p.model(),
              "execution:" + p.deploy());
    }

    // No min position: the router still answers from a state that includes the write just made.
    GetLineageResponse traverse = walk("", 0, LineageDirection.UPSTREAM, p.model(), 2);
    assertThat(traverse.getAnsweredBy().getEngine()).isEqualTo("memory");
    assertThat(keys(traverse)).contains("artifact:" + p.dataset());
  }

  @Test
  void graphQlAnswersLineageWithFullRecords() {
    awaitIndex();
    Pipeline p = Pipelines.record(Pipelines.workspace());
    JsonPath answer =
        GraphQl.post(
            """
            query($id: String!, $pos: BigInteger!) {
              lineage(artifactIds: [$id], direction: UPSTREAM, maxHops: 4, minPosition: $pos) {
                nodes { key hops type artifact { name properties } execution { name state } }
                edges { from to type }
                truncated
                answeredBy { engine reason mirrorPosition requiredPosition }
              }
              impact(artifactIds: [$id]) { total groups { type nodes { name } } }
            }
            """,
            Map.of("id", Long.toString(p.model()), "pos", p.position()));
    assertThat(answer.getList("errors")).as(answer.prettify()).isNull();
    assertThat(answer.getList("data.lineage.nodes.type"))
        .containsExactly("Model", "Train", "Dataset");
    assertThat(answer.getString("data.lineage.nodes[1].execution.name"))
        .isEqualTo("mnist_training");
    assertThat(answer.getString("data.lineage.nodes[2].artifact.name")).isEqualTo("mnist");
    assertThat(answer.getString("data.lineage.answeredBy.engine")).isEqualTo("memory");
    assertThat(answer.getList("data.impact.groups.type"))
        .containsExactly("Deploy", "Evaluate", "Metrics");
  }

  @Test
  void grpcStartsFromTheExecutionsAFilterSelects() {
    awaitIndex();
    Pipeline p = Pipelines.record(Pipelines.workspace());
    GetLineageResponse up =
        lineage()
            .getLineage(
                GetLineageRequest.newBuilder()
                    .setStart(
                        LineageStart.newBuilder()
                            .setWorkspace(p.workspace())
                            .setExecutions(ExecutionFilter.newBuilder().setType("Deploy")))
                    .setDirection(LineageDirection.UPSTREAM)
                    .setMaxHops(4)
                    .setRead(ReadOptions.newBuilder().setMinPosition(p.position()))
                    .build());
    assertThat(keys(up))
        .containsExactly(
            "execution:" + p.deploy(),
            "artifact:" + p.model(),
            "execution:" + p.train(),
            "artifact:" + p.dataset());

    assertThat(
            Grpc.failure(
                Status.Code.INVALID_ARGUMENT,
                () ->
                    lineage()
                        .getLineage(
                            GetLineageRequest.newBuilder()
                                .setStart(
                                    LineageStart.newBuilder()
                                        .setArtifacts(ArtifactFilter.newBuilder().setType("Model")))
                                .build())))
        .startsWith("workspace");
    Grpc.failure(
        Status.Code.NOT_FOUND,
        () ->
            lineage()
                .getLineage(
                    GetLineageRequest.newBuilder()
                        .setStart(
                            LineageStart.newBuilder()
                                .setWorkspace(p.workspace())
                                .setExecutions(ExecutionFilter.newBuilder().setType("NoSuchType")))
                        .build()));
  }

  @Test
  void badLineageRequestsNameTheField() {
    Grpc.failure(
        Status.Code.NOT_FOUND,
        () -> walk("postgres", 0, LineageDirection.UPSTREAM, Long.MAX_VALUE - 1, 3));
    Pipeline p = Pipelines.record(Pipelines.workspace());
    assertThat(
            Grpc.failure(
                Status.Code.INVALID_ARGUMENT,
                () -> walk("postgres", 0, LineageDirection.UPSTREAM, p.model(), 5000)))
        .startsWith("max_hops");
    assertThat(
            Grpc.failure(
                Status.Code.INVALID_ARGUMENT,
                () -> walk("oracle", 0, LineageDirection.UPSTREAM, p.model(), 3)))
        .startsWith("engine");
  }

  @Test
  void rebuildAndRepairRestoreAConsistentMirror() {
    Pipelines.record(Pipelines.workspace());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin().getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance()).getLagRows()
                    == 0);
    CheckMirrorResponse before = admin().checkMirror(CheckMirrorRequest.getDefaultInstance());
    assertThat(before.getConsistent()).as(before.toString()).isTrue();

    var rebuilt = admin().rebuildMirror(RebuildMirrorRequest.getDefaultInstance());
    assertThat(rebuilt.getNodes()).isEqualTo(before.getStoreNodes());
    assertThat(rebuilt.getEdges()).isEqualTo(before.getStoreEdges());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin().getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance()).getLagRows()
                    == 0);
    assertThat(admin().checkMirror(CheckMirrorRequest.getDefaultInstance()).getConsistent())
        .isTrue();
  }
}
