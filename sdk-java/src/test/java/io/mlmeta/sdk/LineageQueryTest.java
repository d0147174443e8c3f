package io.mlmeta.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlmeta.proto.v1.AnsweredBy;
import io.mlmeta.proto.v1.CheckMirrorRequest;
import io.mlmeta.proto.v1.CheckMirrorResponse;
import io.mlmeta.proto.v1.EventType;
import io.mlmeta.proto.v1.FindPathsRequest;
import io.mlmeta.proto.v1.FindPathsResponse;
import io.mlmeta.proto.v1.GetImpactRequest;
import io.mlmeta.proto.v1.GetImpactResponse;
import io.mlmeta.proto.v1.GetLineageRequest;
import io.mlmeta.proto.v1.GetLineageResponse;
import io.mlmeta.proto.v1.ImpactGroup;
import io.mlmeta.proto.v1.LineageDirection;
import io.mlmeta.proto.v1.LineagePath;
import io.mlmeta.proto.v1.MirrorStatus;
import io.mlmeta.sdk.error.InvalidArgumentException;
import io.mlmeta.sdk.lineage.EdgeType;
import io.mlmeta.sdk.lineage.Impact;
import io.mlmeta.sdk.lineage.Lineage;
import io.mlmeta.sdk.lineage.LineageEdge;
import io.mlmeta.sdk.lineage.LineageNode;
import io.mlmeta.sdk.lineage.MirrorCheck;
import io.mlmeta.sdk.lineage.NodeKey;
import io.mlmeta.sdk.lineage.NodeKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The typed lineage query, impact, paths and mirror calls against an in-process fake. */
class LineageQueryTest {

  @RegisterExtension final InProcessServer server = new InProcessServer();

  private static io.mlmeta.proto.v1.LineageNode node(String kind, long id, String type, int hops) {
    return io.mlmeta.proto.v1.LineageNode.newBuilder()
        .setKey(kind + ":" + id)
        .setKind(
            kind.equals("artifact")
                ? io.mlmeta.proto.v1.NodeKind.NODE_ARTIFACT
                : io.mlmeta.proto.v1.NodeKind.NODE_EXECUTION)
        .setId(id)
        .setType(type)
        .setState(kind.equals("artifact") ? "LIVE" : "COMPLETE")
        .setName(type.toLowerCase(java.util.Locale.ROOT) + "-" + id)
        .setHops(hops)
        .build();
  }

  private static io.mlmeta.proto.v1.LineageEdge edge(String from, String to, EventType type) {
    return io.mlmeta.proto.v1.LineageEdge.newBuilder()
        .setFrom(from)
        .setTo(to)
        .setType(type)
        .build();
  }

  @Test
  void fetchSendsTheBuiltRequestAndMapsTheAnswer() {
    server.lineage.pagesByToken.put(
        "",
        GetLineageResponse.newBuilder()
            .addNodes(node("artifact", 3, "Model", 0))
            .addNodes(node("execution", 2, "Train", 1))
            .addNodes(node("artifact", 1, "Dataset", 2))
            .addEdges(edge("artifact:1", "execution:2", EventType.INPUT))
            .addEdges(edge("execution:2", "artifact:3", EventType.OUTPUT))
            .setAnsweredBy(
                AnsweredBy.newBuilder()
                    .setEngine("postgres")
                    .setReason("router")
                    .setMirrorPosition(5)
                    .setRequiredPosition(4))
            .build());
    try (Store store = server.store()) {
      Lineage up =
          store
              .lineage(3)
              .upstream()
              .maxHops(4)
              .kinds(NodeKind.ARTIFACT)
              .types("Dataset")
              .states("LIVE")
              .stopAt("Train")
              .pageSize(50)
              .engine("postgres")
              .minPosition(4)
              .timeBudget(Duration.ofMillis(1500))
              .fetch();

      GetLineageRequest sent = server.lineage.requests(GetLineageRequest.class).get(0);
      assertThat(sent.getStart().getArtifactIdsList()).containsExactly(3L);
      assertThat(sent.getDirection()).isEqualTo(LineageDirection.UPSTREAM);
      assertThat(sent.getMaxHops()).isEqualTo(4);
      assertThat(sent.getFilter().getKindsList())
          .containsExactly(io.mlmeta.proto.v1.NodeKind.NODE_ARTIFACT);
      assertThat(sent.getFilter().getTypesList()).containsExactly("Dataset");
      assertThat(sent.getFilter().getStatesList()).containsExactly("LIVE");
      assertThat(sent.getStopAt().getTypesList()).containsExactly("Train");
      assertThat(sent.getPageSize()).isEqualTo(50);
      assertThat(sent.getRead().getEngine()).isEqualTo("postgres");
      assertThat(sent.getRead().getMinPosition()).isEqualTo(4);
      assertThat(sent.getRead().getTimeBudget().getNanos()).isEqualTo(500_000_000);

      assertThat(up.nodes())
          .extracting(LineageNode::key)
          .containsExactly("artifact:3", "execution:2", "artifact:1");
      LineageNode dataset = up.node("artifact:1").orElseThrow();
      assertThat(dataset)
          .isEqualTo(
              new LineageNode(
                  "artifact:1",
                  NodeKind.ARTIFACT,
                  1,
                  "Dataset",
                  "LIVE",
                  "dataset-1",
                  null,
                  2,
                  false));
      assertThat(up.edges())
          .containsExactly(
              new LineageEdge("artifact:1", "execution:2", EdgeType.INPUT),
              new LineageEdge("execution:2", "artifact:3", EdgeType.OUTPUT));
      assertThat(up.nodes(NodeKind.EXECUTION, null))
          .extracting(LineageNode::id)
          .containsExactly(2L);
      assertThat(up.truncated()).isFalse();
      assertThat(up.hasNext()).isFalse();
      assertThat(up.answeredBy().engine()).isEqualTo("postgres");
      assertThat(up.answeredBy().mirrorPosition()).isEqualTo(5);
    }
  }

  @Test
  void withoutSettingsTheWalkGoesBothWaysWithTheServersHopLimit() {
    server.lineage.pagesByToken.put("", GetLineageResponse.getDefaultInstance());
    try (Store store = server.store()) {
      store.lineage("execution:7", "12").fetch();
      GetLineageRequest sent = server.lineage.requests(GetLineageRequest.class).get(0);
      assertThat(sent.getDirection()).isEqualTo(LineageDirection.BOTH);
      assertThat(sent.hasMaxHops()).isFalse();
      assertThat(sent.hasFilter()).isFalse();
      assertThat(sent.hasStopAt()).as("an empty stop-at filter would stop everywhere").isFalse();
      assertThat(sent.getStart().getExecutionIdsList()).containsExactly(7L);
      assertThat(sent.getStart().getArtifactIdsList()).containsExactly(12L);
    }
  }

  @Test
  void fetchAllFollowsCursorsAndJoinsPagesWithoutDuplicates() {
    server.lineage.pagesByToken.put(
        "",
        GetLineageResponse.newBuilder()
            .addNodes(node("artifact", 3, "Model", 0))
            .addNodes(node("execution", 2, "Train", 1))
            .addEdges(edge("execution:2", "artifact:3", EventType.OUTPUT))
            .setTruncated(true)
            .setTruncation("page")
            .setNextPageToken("p2")
            .build());
    server.lineage.pagesByToken.put(
        "p2",
        GetLineageResponse.newBuilder()
            .addNodes(node("execution", 2, "Train", 1))
            .addNodes(node("artifact", 1, "Dataset", 2))
            .addEdges(edge("execution:2", "artifact:3", EventType.OUTPUT))
            .addEdges(edge("artifact:1", "execution:2", EventType.INPUT))
            .build());
    try (Store store = server.store()) {
      Lineage all = store.lineage(3).upstream().pageSize(2).fetchAll();

      assertThat(server.lineage.requests(GetLineageRequest.class))
          .extracting(GetLineageRequest::getPageToken)
          .containsExactly("", "p2");
      assertThat(all.nodes())
          .extracting(LineageNode::key)
          .containsExactly("artifact:3", "execution:2", "artifact:1");
      assertThat(all.edges()).hasSize(2);
      assertThat(all.truncated()).isFalse();
      assertThat(all.hasNext()).isFalse();
    }
  }

  @Test
  void fetchAllReportsATimeBudgetCutOnTheLastPage() {
    server.lineage.pagesByToken.put(
        "",
        GetLineageResponse.newBuilder()
            .addNodes(node("artifact", 3, "Model", 0))
            .setTruncated(true)
            .setTruncation("time budget")
            .build());
    try (Store store = server.store()) {
      Lineage all = store.lineage(3).fetchAll();
      assertThat(all.truncated()).isTrue();
      assertThat(all.truncation()).isEqualTo("time budget");
    }
  }

  @Test
  void serverErrorsAreMappedAndBadArgumentsRejectedLocally() {
    try (Store store = server.store()) {
      assertThatThrownBy(() -> store.lineage(3).pageToken("nope").fetch())
          .isInstanceOf(InvalidArgumentException.class);
      assertThatThrownBy(() -> store.lineage(3).maxHops(-1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.lineage("model:3"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.lineage(new String[0]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void impactGroupsNodesByType() {
    server.lineage.impact =
        GetImpactResponse.newBuilder()
            .addGroups(
                ImpactGroup.newBuilder()
                    .setType("Model")
                    .addNodes(node("artifact", 3, "Model", 2))
                    .addNodes(node("artifact", 4, "Model", 2)))
            .addGroups(
                ImpactGroup.newBuilder()
                    .setType("Train")
                    .addNodes(node("execution", 2, "Train", 1)))
            .setTotal(3)
            .build();
    try (Store store = server.store()) {
      Impact impact = store.impact(1);
      assertThat(server.lineage.requests(GetImpactRequest.class).get(0).getStart())
          .satisfies(s -> assertThat(s.getArtifactIdsList()).containsExactly(1L));
      assertThat(impact.byType().keySet()).containsExactly("Model", "Train");
      assertThat(impact.byType().get("Model")).extracting(LineageNode::id).containsExactly(3L, 4L);
      assertThat(impact.total()).isEqualTo(3);
    }
  }

  @Test
  void pathsSendsNormalisedKeys() {
    server.lineage.paths =
        FindPathsResponse.newBuilder()
            .addPaths(
                LineagePath.newBuilder()
                    .addNodes(node("artifact", 1, "Dataset", 0))
                    .addNodes(node("execution", 2, "Train", 1))
                    .addEdges(edge("artifact:1", "execution:2", EventType.INPUT)))
            .build();
    try (Store store = server.store()) {
      List<io.mlmeta.sdk.lineage.LineagePath> paths = store.paths("1", "Execution:2");
      FindPathsRequest sent = server.lineage.requests(FindPathsRequest.class).get(0);
      assertThat(sent.getFrom()).isEqualTo("artifact:1");
      assertThat(sent.getTo()).isEqualTo("execution:2");
      assertThat(paths).hasSize(1);
      assertThat(paths.get(0).nodes()).extracting(LineageNode::key).endsWith("execution:2");
    }
  }

  @Test
  void mirrorAdministrationMapsEveryField() {
    server.lineage.status =
        MirrorStatus.newBuilder()
            .setConfigured(true)
            .setReachable(true)
            .setMirrorPosition(9)
            .setLatestPosition(10)
            .setLagRows(1)
            .build();
    server.lineage.check =
        CheckMirrorResponse.newBuilder()
            .setConsistent(false)
            .setMissingEdges(2)
            .addSample("missing edge artifact:1->execution:2")
            .setRepaired(true)
            .build();
    try (Store store = server.store()) {
      assertThat(store.mirrorStatus().lagRows()).isEqualTo(1);
      MirrorCheck check = store.checkMirror(true);
      assertThat(server.lineage.requests(CheckMirrorRequest.class).get(0).getRepair()).isTrue();
      assertThat(check.consistent()).isFalse();
      assertThat(check.missingEdges()).isEqualTo(2);
      assertThat(check.sample()).containsExactly("missing edge artifact:1->execution:2");
      assertThat(check.repaired()).isTrue();
    }
  }

  @Test
  void nodeKeysParseBothFormsAndPrintTheServersForm() {
    assertThat(NodeKey.parse("42")).isEqualTo(new NodeKey(NodeKind.ARTIFACT, 42));
    assertThat(NodeKey.parse(" execution:7 ")).isEqualTo(new NodeKey(NodeKind.EXECUTION, 7));
    assertThat(NodeKey.parse("ARTIFACT:3").toString()).isEqualTo("artifact:3");
    assertThatThrownBy(() -> NodeKey.parse("artifact:x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeKey.parse("0")).isInstanceOf(IllegalArgumentException.class);
  }
}
