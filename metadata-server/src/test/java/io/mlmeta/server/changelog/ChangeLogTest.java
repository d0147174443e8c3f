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
import io.grpc.stub.MetadataUtils;
import io.mlmeta.proto.v1.ArtifactState;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.UpdateArtifactRequest;
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
      String key,
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
        alice
            .grpc(withRequestId(Grpc.stub(), recordRequest))
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(execution("Train", "train"))
                    .addInputs(newArtifact("Dataset", dataset("data-" + ws)))
                    .addOutputs(newArtifact("Model", model("model-" + ws)))
                    .build());
    long executionId = recorded.getExecution().getId();
    long datasetId = recorded.getInputs(0).getId();
    long modelId = recorded.getOutputs(0).getId();

    List<Entry> entries = entriesBy("user:" + alice.subject());

    assertThat(entries)
        .filteredOn(e -> e.requestId().equals(createRequest))
        .extracting(Entry::operation, Entry::entity)
        .containsExactlyInAnyOrder(
            tuple("create", "workspace"), tuple("create", "workspace_grant"));
    assertThat(entries)
        .filteredOn(e -> e.requestId().equals(recordRequest))
        .extracting(Entry::operation, Entry::entity, Entry::key)
        .contains(
            tuple("create", "execution", key(executionId)),
            tuple("create", "artifact", key(datasetId)),
            tuple("create", "artifact", key(modelId)));
    assertThat(entries)
        .filteredOn(e -> e.requestId().equals(recordRequest) && e.entity().equals("event"))
        .hasSize(2);
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
    String ws = Names.unique("updates");
    bob.graphQl("mutation($n: String!) { createWorkspace(name: $n) { name } }", Map.of("n", ws));
    long datasetId =
        bob.grpc(Grpc.stub())
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(execution("Train", "train"))
                    .addInputs(newArtifact("Dataset", dataset("data-" + ws)))
                    .build())
            .getInputs(0)
            .getId();

    bob.grpc(Grpc.stub())
        .updateArtifact(
            UpdateArtifactRequest.newBuilder()
                .setId(datasetId)
                .setState(ArtifactState.MARKED_FOR_DELETION)
                .build());

    assertThat(entriesBy("user:" + bob.subject()))
        .filteredOn(e -> e.entity().equals("artifact") && e.key().equals(key(datasetId)))
        .extracting(Entry::operation, Entry::oldDigest, Entry::newDigest)
        .containsExactly(tuple("create", false, true), tuple("update", true, true));
    try (Connection db = Database.connect();
        PreparedStatement digests =
            db.prepareStatement(
                "select old_digest, new_digest from change_log where entity = 'artifact'"
                    + " and entity_key = jsonb_build_object('id', ?) and operation = 'update'")) {
      digests.setLong(1, datasetId);
      try (ResultSet row = digests.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getBytes(1)).hasSize(32).isNotEqualTo(row.getBytes(2));
      }
    }
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
    String ws = Names.unique("chain");
    dave.graphQl("mutation($n: String!) { createWorkspace(name: $n) { name } }", Map.of("n", ws));
    dave.grpc(Grpc.stub())
        .recordExecution(
            RecordExecutionRequest.newBuilder()
                .setWorkspace(ws)
                .setExecution(execution("Train", "train"))
                .addInputs(newArtifact("Dataset", dataset("data-" + ws)))
                .addOutputs(newArtifact("Model", model("model-" + ws)))
                .build());
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
          "update change_log l set entity = k.entity, entity_key = k.entity_key,"
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

  private static String key(long id) {
    return "{\"id\": " + id + "}";
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
                "select operation, entity, entity_key::text, principal, coalesce(request_id, ''),"
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
                  rows.getString(3),
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
