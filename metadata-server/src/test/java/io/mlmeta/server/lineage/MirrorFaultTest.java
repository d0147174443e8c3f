package io.mlmeta.server.lineage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mlmeta.proto.v1.CheckMirrorRequest;
import io.mlmeta.proto.v1.CheckMirrorResponse;
import io.mlmeta.proto.v1.FindPathsRequest;
import io.mlmeta.proto.v1.FindPathsResponse;
import io.mlmeta.proto.v1.GetMirrorStatusRequest;
import io.mlmeta.proto.v1.LineageDirection;
import io.mlmeta.proto.v1.LineageServiceGrpc;
import io.mlmeta.proto.v1.MirrorStatus;
import io.mlmeta.proto.v1.ReadOptions;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.Pipelines;
import io.mlmeta.server.support.Pipelines.Pipeline;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Neo4j stops in the middle of ingest: writes keep working, lineage falls back to PostgreSQL, and
 * once Neo4j is back the mirror catches up and the consistency check proves nothing was lost.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class MirrorFaultTest {

  private static MirrorStatus status() {
    return LineageApiTest.admin().getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance());
  }

  private static FindPathsResponse paths(Pipeline p) {
    return LineageServiceGrpc.newBlockingStub(Grpc.channel())
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .findPaths(
            FindPathsRequest.newBuilder()
                .setFrom("artifact:" + p.dataset())
                .setTo("artifact:" + p.metrics())
                .setDirection(LineageDirection.DOWNSTREAM)
                .setRead(ReadOptions.newBuilder().setEngine("neo4j").setMinPosition(p.position()))
                .build());
  }

  @Test
  void neo4jDownDuringIngestLosesNothing() {
    String ws = Pipelines.workspace();
    Pipelines.record(ws);
    await().atMost(Duration.ofSeconds(30)).until(() -> status().getLagRows() == 0);

    Neo4jResource.control().accept("stop");
    List<Pipeline> writtenWhileDown = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        writtenWhileDown.add(Pipelines.record(ws));
      }
      given().get("/q/health/ready").then().statusCode(200);
      // The mirror is not well, and says why in its own words, not only "not reachable".
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> given().get("/q/health/well").statusCode() == 503);
      assertThat(status().getLastError()).isNotBlank().isNotEqualTo("Neo4j is not reachable");
      FindPathsResponse fallback = paths(writtenWhileDown.get(9));
      assertThat(fallback.getAnsweredBy().getEngine()).isEqualTo("postgres");
      assertThat(fallback.getAnsweredBy().getReason()).startsWith("neo4j");
      assertThat(fallback.getPathsList()).hasSize(1);
      assertThat(status().getLagRows()).isPositive();
    } finally {
      Neo4jResource.control().accept("start");
    }
    for (int i = 0; i < 5; i++) {
      writtenWhileDown.add(Pipelines.record(ws));
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> status().getLagRows() == 0);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> given().get("/q/health/well").statusCode() == 200);
    assertThat(status().getLastError()).isEmpty();
    CheckMirrorResponse check =
        LineageApiTest.admin().checkMirror(CheckMirrorRequest.getDefaultInstance());
    assertThat(check.getConsistent()).as(check.toString()).isTrue();
    assertThat(check.getMirrorNodes()).isEqualTo(check.getStoreNodes());
    assertThat(check.getMirrorEdges()).isEqualTo(check.getStoreEdges());

    FindPathsResponse fromNeo4j = paths(writtenWhileDown.get(14));
    assertThat(fromNeo4j.getAnsweredBy().getEngine()).isEqualTo("neo4j");
    assertThat(fromNeo4j.getPaths(0).getNodesCount()).isEqualTo(5);
  }
}
