package io.mlmeta.server.changelog;

import static io.mlmeta.server.support.Protos.dataset;
import static io.mlmeta.server.support.Protos.execution;
import static io.mlmeta.server.support.Protos.model;
import static io.mlmeta.server.support.Protos.newArtifact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.mlmeta.proto.v1.ArtifactState;
import io.mlmeta.proto.v1.ChangeLogProblem;
import io.mlmeta.proto.v1.ChangeLogServiceGrpc;
import io.mlmeta.proto.v1.ChangeLogVerification;
import io.mlmeta.proto.v1.ListChangesRequest;
import io.mlmeta.proto.v1.ListChangesResponse;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.UpdateArtifactRequest;
import io.mlmeta.proto.v1.VerifyChangeLogRequest;
import io.mlmeta.server.support.Caller;
import io.mlmeta.server.support.Database;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The change log as the public APIs fill it: every row a request changes appends one entry in the
 * same transaction, naming the caller and the request, with digests of the state before and after;
 * and the database refuses to change or remove entries.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class ChangeLogTest {

  private record Entry(
      String operation,
      String entity,
      List<String> keys,
      String principal,
      String requestId,
      boolean oldDigest,
      boolean newDigest) {}

  @Test
  void everyChangeAppendsAnEntryNamingTheCallerAndTheRequest() throws SQLException {
    Caller alice = Caller.uniqueUser("alice");
    String ws = Names.unique("changes");
    String createRequest = "req-" + UUID.randomUUID();
    alice
        .request()
        .header("x-request-id", createRequest)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "query",
                "mutation($n: String!) { createWorkspace(name: $n) { name } }",
                "variables",
                Map.of("n", ws)))
        .post("/graphql")
        .then()
        .statusCode(200);

    String recordRequest = "req-" + UUID.randomUUID();
    RecordExecutionResponse recorded =
        train(alice.grpc(withRequestId(Grpc.stub(), recordRequest)), ws);
    long executionId = recorded.getExecution().getId();
    long datasetId = recorded.getInputs(0).getId();
    long modelId = recorded.getOutputs(0).getId();

    List<Entry> entries = entriesBy("user:" + alice.subject());

    assertThat(entries)
        .filteredOn(e -> e.requestId().equals(createRequest))
        .extracting(Entry::operation, Entry::entity)
        .containsExactlyInAnyOrder(
            tuple("create", "workspace"), tuple("create", "workspace_grant"));
    List<Entry> ofRecord =
        entries.stream().filter(e -> e.requestId().equals(recordRequest)).toList();
    assertThat(keysOf(ofRecord, "execution")).containsExactly(Long.toString(executionId));
    assertThat(keysOf(ofRecord, "artifact"))
        .containsExactlyInAnyOrder(Long.toString(datasetId), Long.toString(modelId));
    assertThat(keysOf(ofRecord, "event")).hasSize(2);
    assertThat(ofRecord).extracting(Entry::operation).containsOnly("create");
    assertThat(entries)
        .allSatisfy(
            e -> {
              assertThat(e.newDigest()).as("digest of the new state of " + e).isTrue();
              assertThat(e.oldDigest()).as("no earlier state of " + e).isFalse();
            });
  }

  @Test
  void anUpdateRecordsTheStateBeforeAndAfter() throws SQLException {
    Caller bob = Caller.uniqueUser("bob");
    long datasetId = datasetMarkedForDeletion(bob, workspace(bob, "updates"));

    assertThat(entriesBy("user:" + bob.subject()))
        .filteredOn(
            e -> e.entity().equals("artifact") && e.keys().contains(Long.toString(datasetId)))
        .extracting(Entry::operation, Entry::oldDigest, Entry::newDigest)
        .containsExactly(tuple("create", false, true), tuple("update", true, true));
    try (Connection db = Database.connect();
        PreparedStatement digests =
            db.prepareStatement(
                "select old_digest, new_digest from change_log where entity = 'artifact'"
                    + " and entity_keys @> array[?::text] and operation = 'update'")) {
      digests.setString(1, Long.toString(datasetId));
      try (ResultSet row = digests.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getBytes(1)).hasSize(32).isNotEqualTo(row.getBytes(2));
      }
    }
  }

  @Test
  void anArtifactsHistoryIsPagedNewestFirstForItsReadersOnly() {
    Caller erin = Caller.uniqueUser("erin");
    Caller frank = Caller.uniqueUser("frank");
    String ws = workspace(erin, "history");
    long datasetId = datasetMarkedForDeletion(erin, ws);
    String query =
        "query($id: ID!, $after: String) { history(artifactId: $id, first: 1, after: $after) {"
            + " nodes { operation entity principal oldDigest newDigest }"
            + " pageInfo { hasNextPage endCursor } } }";

    JsonPath first = erin.graphQl(query, Map.of("id", Long.toString(datasetId)));
    assertThat(first.getString("data.history.nodes[0].operation")).isEqualTo("update");
    assertThat(first.getString("data.history.nodes[0].principal"))
        .isEqualTo("user:" + erin.subject());
    assertThat(first.getString("data.history.nodes[0].oldDigest")).hasSize(64);
    assertThat(first.getBoolean("data.history.pageInfo.hasNextPage")).isTrue();
    Map<String, Object> next = new HashMap<>();
    next.put("id", Long.toString(datasetId));
    next.put("after", first.getString("data.history.pageInfo.endCursor"));
    JsonPath second = erin.graphQl(query, next);
    assertThat(second.getString("data.history.nodes[0].operation")).isEqualTo("create");
    assertThat(second.getString("data.history.nodes[0].oldDigest")).isNull();
    assertThat(second.getBoolean("data.history.pageInfo.hasNextPage")).isFalse();

    JsonPath workspaceHistory =
        erin.graphQl(
            "query($w: String!) { history(workspace: $w) { nodes { operation entity } } }",
            Map.of("w", ws));
    assertThat(workspaceHistory.getList("data.history.nodes.entity", String.class))
        .contains("workspace", "workspace_grant", "execution", "artifact", "event")
        .first()
        .isEqualTo("artifact");

    ChangeLogServiceGrpc.ChangeLogServiceBlockingStub changes =
        erin.grpc(ChangeLogServiceGrpc.newBlockingStub(Grpc.channel()));
    ListChangesResponse newest =
        changes.listChanges(
            ListChangesRequest.newBuilder().setArtifactId(datasetId).setPageSize(1).build());
    assertThat(newest.getChanges(0).getOperation()).isEqualTo("update");
    assertThat(newest.getChanges(0).getEntityKeysList()).contains(Long.toString(datasetId));
    ListChangesResponse older =
        changes.listChanges(
            ListChangesRequest.newBuilder()
                .setArtifactId(datasetId)
                .setPageSize(1)
                .setPageToken(newest.getNextPageToken())
                .build());
    assertThat(older.getChanges(0).getOperation()).isEqualTo("create");
    assertThat(older.getNextPageToken()).isEmpty();
    assertThat(
            Grpc.failure(
                Status.Code.NOT_FOUND,
                () ->
                    frank
                        .grpc(ChangeLogServiceGrpc.newBlockingStub(Grpc.channel()))
                        .listChanges(
                            ListChangesRequest.newBuilder().setArtifactId(datasetId).build())))
        .isNotNull();

    JsonPath refused = frank.graphQl(query, Map.of("id", Long.toString(datasetId)));
    assertThat(refused.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    JsonPath ambiguous =
        erin.graphQl(
            "query($id: ID!, $w: String!) { history(artifactId: $id, workspace: $w) {"
                + " nodes { sequence } } }",
            Map.of("id", Long.toString(datasetId), "w", ws));
    assertThat(ambiguous.getString("errors[0].extensions.code")).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveEntries() throws SQLException {
    Caller carol = Caller.uniqueUser("carol");
    carol.graphQl(
        "mutation($n: String!) { createWorkspace(name: $n) { name } }",
        Map.of("n", Names.unique("append-only")));

    try (Connection db = Database.connect();
        Statement statement = db.createStatement()) {
      for (String change :
          List.of(
              "update change_log set principal = 'someone else' where principal = 'user:"
                  + carol.subject()
                  + "'",
              "delete from change_log where principal = 'user:" + carol.subject() + "'",
              "truncate change_log")) {
        assertThatThrownBy(() -> statement.execute(change))
            .as(change)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("the change log is append-only");
      }
    }
    assertThat(entriesBy("user:" + carol.subject())).isNotEmpty();
  }

  @Test
  void theChainNamesEveryEntryChangedRemovedOrMovedInTheDatabase() throws SQLException {
    Caller dave = Caller.uniqueUser("dave");
    train(dave.grpc(Grpc.stub()), workspace(dave, "chain"));
    List<Long> sequences = sequencesBy("user:" + dave.subject());
    assertThat(sequences).hasSizeGreaterThanOrEqualTo(5);
    await("dave's entries chained")
        .atMost(Duration.ofSeconds(30))
        .until(() -> unchained(sequences) == 0);
    JsonPath before = verify();
    assertThat(before.getBoolean("intact")).as(before.prettify()).isTrue();
    assertThat(before.getLong("verifiedEntries")).isGreaterThanOrEqualTo(sequences.size());

    long changed = sequences.get(0);
    long removed = sequences.get(1);
    long movedA = sequences.get(2);
    long movedB = sequences.get(3);
    try (Connection db = Database.connect();
        Statement sql = db.createStatement()) {
      // A superuser's session that skips triggers: what someone with the database's keys could do.
      sql.execute("set session_replication_role = replica");
      sql.execute(
          "create temporary table kept as select * from change_log where sequence in ("
              + changed
              + ", "
              + removed
              + ", "
              + movedA
              + ", "
              + movedB
              + ")");
      sql.execute(
          "update change_log set principal = 'user:mallory@example.com' where sequence = "
              + changed);
      sql.execute("delete from change_log where sequence = " + removed);
      // The two entries trade places: each keeps its sequence number, takes the other's content.
      sql.execute(
          "update change_log l set entity = k.entity, entity_keys = k.entity_keys,"
              + " operation = k.operation, new_digest = k.new_digest, old_digest = k.old_digest"
              + " from kept k where (l.sequence, k.sequence) in (("
              + movedA
              + ", "
              + movedB
              + "), ("
              + movedB
              + ", "
              + movedA
              + "))");
      try {
        JsonPath tampered = verify();
        assertThat(tampered.getBoolean("intact")).isFalse();
        assertThat(tampered.getList("problems", Map.class))
            .extracting(p -> ((Number) p.get("sequence")).longValue(), p -> p.get("problem"))
            .containsExactlyInAnyOrder(
                tuple(changed, "entry " + changed + " differs from what was chained"),
                tuple(removed, "entry " + removed + " was removed from the change log"),
                tuple(movedA, "entry " + movedA + " differs from what was chained"),
                tuple(movedB, "entry " + movedB + " differs from what was chained"));
        ChangeLogVerification overGrpc =
            ChangeLogServiceGrpc.newBlockingStub(Grpc.channel())
                .verifyChangeLog(VerifyChangeLogRequest.getDefaultInstance());
        assertThat(overGrpc.getIntact()).isFalse();
        assertThat(overGrpc.getProblemsList())
            .extracting(ChangeLogProblem::getSequence)
            .containsExactlyInAnyOrder(changed, removed, movedA, movedB);
      } finally {
        sql.execute("delete from change_log where sequence in (select sequence from kept)");
        sql.execute("insert into change_log overriding system value select * from kept");
      }
    }
    JsonPath restored = verify();
    assertThat(restored.getBoolean("intact")).as(restored.prettify()).isTrue();
  }

  private static JsonPath verify() {
    JsonPath response =
        Caller.anonymous()
            .graphQl(
                "{ verifyChangeLog { intact verifiedEntries unsealedEntries problemCount"
                    + " problems { position sequence problem } } }");
    assertThat(response.getList("errors")).as(response.prettify()).isNull();
    return response.setRootPath("data.verifyChangeLog");
  }

  private static List<Long> sequencesBy(String principal) throws SQLException {
    try (Connection db = Database.connect();
        PreparedStatement query =
            db.prepareStatement(
                "select sequence from change_log where principal = ? order by sequence")) {
      query.setString(1, principal);
      List<Long> sequences = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          sequences.add(rows.getLong(1));
        }
      }
      return sequences;
    }
  }

  private static long unchained(List<Long> sequences) throws SQLException {
    try (Connection db = Database.connect();
        PreparedStatement query =
            db.prepareStatement(
                "select count(*) from unnest(?) as s(sequence) where not exists"
                    + " (select 1 from change_log_chain c where c.sequence = s.sequence)")) {
      query.setArray(1, db.createArrayOf("bigint", sequences.toArray()));
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** A new workspace of {@code owner}'s. */
  private static String workspace(Caller owner, String prefix) {
    String ws = Names.unique(prefix);
    owner.graphQl("mutation($n: String!) { createWorkspace(name: $n) { name } }", Map.of("n", ws));
    return ws;
  }

  /** A training run in {@code ws} that reads a new data set and writes a new model. */
  private static RecordExecutionResponse train(
      MetadataServiceGrpc.MetadataServiceBlockingStub stub, String ws) {
    return stub.recordExecution(
        RecordExecutionRequest.newBuilder()
            .setWorkspace(ws)
            .setExecution(execution("Train", "train"))
            .addInputs(newArtifact("Dataset", dataset("data-" + ws)))
            .addOutputs(newArtifact("Model", model("model-" + ws)))
            .build());
  }

  /** A data set that {@code caller} records as a run's input and then marks for deletion. */
  private static long datasetMarkedForDeletion(Caller caller, String ws) {
    long datasetId = train(caller.grpc(Grpc.stub()), ws).getInputs(0).getId();
    caller
        .grpc(Grpc.stub())
        .updateArtifact(
            UpdateArtifactRequest.newBuilder()
                .setId(datasetId)
                .setState(ArtifactState.MARKED_FOR_DELETION)
                .build());
    return datasetId;
  }

  /** The keys of every entry of {@code entity}, in entry order. */
  private static List<String> keysOf(List<Entry> entries, String entity) {
    return entries.stream()
        .filter(e -> e.entity().equals(entity))
        .flatMap(e -> e.keys().stream())
        .toList();
  }

  private static MetadataServiceGrpc.MetadataServiceBlockingStub withRequestId(
      MetadataServiceGrpc.MetadataServiceBlockingStub stub, String requestId) {
    Metadata metadata = new Metadata();
    metadata.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), requestId);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
  }

  private static List<Entry> entriesBy(String principal) throws SQLException {
    try (Connection db = Database.connect();
        PreparedStatement query =
            db.prepareStatement(
                "select operation, entity, entity_keys, principal, coalesce(request_id, ''),"
                    + " old_digest is not null, new_digest is not null"
                    + " from change_log where principal = ? order by sequence")) {
      query.setString(1, principal);
      List<Entry> entries = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new Entry(
                  rows.getString(1),
                  rows.getString(2),
                  List.of((String[]) rows.getArray(3).getArray()),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getBoolean(6),
                  rows.getBoolean(7)));
        }
      }
      return entries;
    }
  }
}
