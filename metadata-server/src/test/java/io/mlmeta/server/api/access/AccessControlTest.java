package io.mlmeta.server.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.mlmeta.proto.v1.AccessServiceGrpc;
import io.mlmeta.proto.v1.CallerKind;
import io.mlmeta.proto.v1.CreateArtifactRequest;
import io.mlmeta.proto.v1.GetArtifactRequest;
import io.mlmeta.proto.v1.ListApiTokensRequest;
import io.mlmeta.proto.v1.WhoAmIRequest;
import io.mlmeta.server.support.Caller;
import io.mlmeta.server.support.Database;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may do what (issue 13): roles per workspace, the creator as owner, admins, and API tokens,
 * through GraphQL and gRPC. Users are named by the trusted gateway's header; every test uses its
 * own users and workspaces.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class AccessControlTest {

  private static final String CREATE_WORKSPACE =
      "mutation($n: String!) { createWorkspace(name: $n) { name } }";
  private static final String CREATE_DATASET =
      "mutation($w: String!) { createArtifact(workspace: $w, artifact: {type: \"Dataset\","
          + " properties: \"{\\\"uri\\\": \\\"s3://bucket/data\\\", \\\"name\\\": \\\"data\\\"}\"})"
          + " { id } }";
  private static final String WHOAMI = "{ whoami { subject kind admin roles { workspace role } } }";
  private static final String GRANT =
      "mutation($w: String!, $k: GranteeKind!, $g: String!, $r: Role!) {"
          + " grantRole(workspace: $w, granteeKind: $k, grantee: $g, role: $r) { role grantedBy } }";
  private static final String CREATE_TOKEN =
      "mutation($n: String!, $s: [WorkspaceRoleInput!], $e: DateTime) {"
          + " createApiToken(name: $n, scopes: $s, expireTime: $e) { secret token { id name"
          + " scopes { workspace role } createdBy } } }";

  @Test
  void theCreatorOwnsANewWorkspaceAndOthersDoNotSeeIt() {
    Caller alice = Caller.uniqueUser("alice");
    Caller bob = Caller.uniqueUser("bob");
    String ws = workspace(alice);
    String artifactId = dataset(alice, ws);

    JsonPath me = alice.graphQl(WHOAMI);
    assertThat(me.getList("data.whoami.roles", Map.class))
        .contains(Map.of("workspace", ws, "role", "OWNER"));
    assertThat(me.getBoolean("data.whoami.admin")).isFalse();

    assertThat(code(bob.graphQl("query($n: String!) { workspace(name: $n) { name } }", vars(ws))))
        .isEqualTo("NOT_FOUND");
    assertThat(code(bob.graphQl("query($id: ID!) { artifact(id: $id) { id } }", id(artifactId))))
        .isEqualTo("NOT_FOUND");
    assertThat(code(bob.graphQl(CREATE_DATASET, Map.of("w", ws)))).isEqualTo("NOT_FOUND");
    assertThat(
            code(
                bob.graphQl(
                    "query($id: String!) { lineage(artifactIds: [$id]) { nodes { key } } }",
                    Map.of("id", artifactId))))
        .isEqualTo("NOT_FOUND");
    assertThat(
            bob.graphQl("{ workspaces(first: 1000) { nodes { name } } }")
                .getList("data.workspaces.nodes.name"))
        .doesNotContain(ws);
    Grpc.failure(
        Status.Code.NOT_FOUND,
        () ->
            bob.grpc(Grpc.stub())
                .getArtifact(
                    GetArtifactRequest.newBuilder().setId(Long.parseLong(artifactId)).build()));
  }

  @Test
  void readersReadWritersWriteOwnersGrant() {
    Caller owner = Caller.uniqueUser("owner");
    Caller reader = Caller.uniqueUser("reader");
    Caller writer = Caller.uniqueUser("writer");
    String ws = workspace(owner);
    String artifactId = dataset(owner, ws);
    grant(owner, ws, "USER", reader.subject(), "READER");
    grant(owner, ws, "USER", writer.subject(), "WRITER");

    assertThat(
            reader
                .graphQl("query($id: ID!) { artifact(id: $id) { id } }", id(artifactId))
                .getString("data.artifact.id"))
        .isEqualTo(artifactId);
    JsonPath refused = reader.graphQl(CREATE_DATASET, Map.of("w", ws));
    assertThat(code(refused)).isEqualTo("FORBIDDEN");
    assertThat(refused.getString("errors[0].message"))
        .contains("writer role in workspace " + ws)
        .contains("the caller is a reader");
    String message =
        Grpc.failure(
            Status.Code.PERMISSION_DENIED,
            () ->
                reader
                    .grpc(Grpc.stub())
                    .createArtifact(
                        CreateArtifactRequest.newBuilder()
                            .setWorkspace(ws)
                            .setArtifact(
                                io.mlmeta.proto.v1.ArtifactSpec.newBuilder().setType("Dataset"))
                            .build()));
    assertThat(message).contains("writer role");

    assertThat(writer.graphQl(CREATE_DATASET, Map.of("w", ws)).getString("data.createArtifact.id"))
        .isNotNull();
    assertThat(code(grantResult(writer, ws, "USER", "someone@example.com", "READER")))
        .isEqualTo("FORBIDDEN");
    assertThat(
            owner
                .graphQl("query($w: String!) { grants(workspace: $w) { grantee role } }", vars(ws))
                .getList("data.grants", Map.class))
        .contains(
            Map.of("grantee", owner.subject(), "role", "OWNER"),
            Map.of("grantee", reader.subject(), "role", "READER"),
            Map.of("grantee", writer.subject(), "role", "WRITER"));
  }

  @Test
  void groupGrantsApplyToEveryMember() {
    String team = Names.unique("team");
    Caller owner = Caller.uniqueUser("owner");
    Caller member = Caller.uniqueUser("member", team);
    String ws = workspace(owner);
    grant(owner, ws, "GROUP", team, "WRITER");

    assertThat(member.graphQl(CREATE_DATASET, Map.of("w", ws)).getString("data.createArtifact.id"))
        .isNotNull();
    assertThat(member.graphQl(WHOAMI).getList("data.whoami.roles", Map.class))
        .containsExactly(Map.of("workspace", ws, "role", "WRITER"));
  }

  @Test
  void aWorkspaceKeepsAtLeastOneOwner() {
    Caller owner = Caller.uniqueUser("owner");
    String ws = workspace(owner);

    JsonPath demoted = grantResult(owner, ws, "USER", owner.subject(), "READER");

    assertThat(code(demoted)).isEqualTo("FAILED_PRECONDITION");
    assertThat(demoted.getString("errors[0].message")).contains("no owner left");
    Caller successor = Caller.uniqueUser("successor");
    grant(owner, ws, "USER", successor.subject(), "OWNER");
    assertThat(
            grantResult(owner, ws, "USER", owner.subject(), "READER")
                .getString("data.grantRole.role"))
        .isEqualTo("READER");
  }

  @Test
  void adminsSeeEverythingAndOnlyAdminsChangeTypesOrTheMirror() {
    Caller owner = Caller.uniqueUser("owner");
    Caller admin = Caller.uniqueUser("admin", "mlmeta-admins");
    String ws = workspace(owner);

    assertThat(admin.graphQl(WHOAMI).getBoolean("data.whoami.admin")).isTrue();
    assertThat(
            admin
                .graphQl("query($n: String!) { workspace(name: $n) { name } }", vars(ws))
                .getString("data.workspace.name"))
        .isEqualTo(ws);
    String newType =
        "mutation($n: String!) { registerType(kind: ARTIFACT, name: $n, propertiesSchema:"
            + " \"{\\\"type\\\": \\\"object\\\"}\") { name } }";
    String typeName = Names.unique("Type");
    assertThat(code(owner.graphQl(newType, vars(typeName)))).isEqualTo("FORBIDDEN");
    assertThat(admin.graphQl(newType, vars(typeName)).getString("data.registerType.name"))
        .isEqualTo(typeName);
    // Repeating an identical registration changes nothing, so any caller may.
    assertThat(owner.graphQl(newType, vars(typeName)).getString("data.registerType.name"))
        .isEqualTo(typeName);
    assertThat(code(owner.graphQl("mutation { rebuildLineageMirror { nodes } }")))
        .isEqualTo("FORBIDDEN");
    assertThat(code(owner.graphQl("{ lineageMirror { configured } }"))).isEqualTo("FORBIDDEN");
  }

  @Test
  void anApiTokenActsWithItsScopesUntilRevoked() {
    Caller alice = Caller.uniqueUser("alice");
    String ws = workspace(alice);
    String other = workspace(alice);
    JsonPath created =
        alice.graphQl(
            CREATE_TOKEN,
            Map.of("n", "ci", "s", List.of(Map.of("workspace", ws, "role", "WRITER"))));
    String secret = created.getString("data.createApiToken.secret");
    String tokenId = created.getString("data.createApiToken.token.id");
    assertThat(secret)
        .as(created.prettify())
        .matches("mlm_[0-9a-f]{16}_[A-Za-z0-9_-]{43}")
        .contains(tokenId);
    assertThat(created.getString("data.createApiToken.token.createdBy")).isEqualTo(alice.subject());
    Caller ci = Caller.bearer(secret);

    var me =
        ci.grpc(AccessServiceGrpc.newBlockingStub(Grpc.channel()))
            .whoAmI(WhoAmIRequest.getDefaultInstance());
    assertThat(me.getKind()).isEqualTo(CallerKind.CALLER_TOKEN);
    assertThat(me.getSubject()).isEqualTo(tokenId);
    assertThat(me.getRolesList())
        .extracting(r -> r.getWorkspace() + ":" + r.getRole())
        .containsExactly(ws + ":WRITER");
    assertThat(ci.graphQl(CREATE_DATASET, Map.of("w", ws)).getString("data.createArtifact.id"))
        .isNotNull();
    assertThat(code(ci.graphQl(CREATE_DATASET, Map.of("w", other)))).isEqualTo("NOT_FOUND");
    assertThat(code(ci.graphQl(CREATE_TOKEN, Map.of("n", "child", "s", List.of()))))
        .isEqualTo("FORBIDDEN");
    assertThat(
            alice.graphQl("{ apiTokens { nodes { id name } } }").getList("data.apiTokens.nodes.id"))
        .contains(tokenId);

    JsonPath revoked =
        alice.graphQl(
            "mutation($id: String!) { revokeApiToken(id: $id) { revokeTime revokedBy } }",
            Map.of("id", tokenId));
    assertThat(revoked.getString("data.revokeApiToken.revokedBy")).isEqualTo(alice.subject());

    ci.request()
        .contentType("application/json")
        .body(Map.of("query", WHOAMI))
        .post("/graphql")
        .then()
        .statusCode(401);
    Grpc.failure(
        Status.Code.UNAUTHENTICATED,
        () ->
            ci.grpc(AccessServiceGrpc.newBlockingStub(Grpc.channel()))
                .whoAmI(WhoAmIRequest.getDefaultInstance()));
  }

  @Test
  void wrongExpiredAndForeignTokensAreRefused() throws Exception {
    Caller alice = Caller.uniqueUser("alice");
    Caller bob = Caller.uniqueUser("bob");
    String ws = workspace(alice);
    JsonPath created =
        alice.graphQl(
            CREATE_TOKEN,
            Map.of(
                "n", "short-lived",
                "s", List.of(Map.of("workspace", ws, "role", "READER")),
                "e", Instant.now().plusSeconds(2).toString()));
    String secret = created.getString("data.createApiToken.secret");
    String tokenId = created.getString("data.createApiToken.token.id");
    String wrong =
        secret.substring(0, secret.length() - 4) + (secret.endsWith("AAAA") ? "BBBB" : "AAAA");

    Caller.bearer(wrong)
        .request()
        .contentType("application/json")
        .body(Map.of("query", WHOAMI))
        .post("/graphql")
        .then()
        .statusCode(401);
    assertThat(
            code(
                bob.graphQl(
                    "mutation($id: String!) { revokeApiToken(id: $id) { id } }",
                    Map.of("id", tokenId))))
        .isEqualTo("NOT_FOUND");
    assertThat(
            code(
                bob.graphQl(
                    CREATE_TOKEN,
                    Map.of("n", "steal", "s", List.of(Map.of("workspace", ws, "role", "READER"))))))
        .isEqualTo("NOT_FOUND");
    assertThat(bob.graphQl("{ apiTokens { nodes { id } } }").getList("data.apiTokens.nodes.id"))
        .doesNotContain(tokenId);

    Caller shortLived = Caller.bearer(secret);
    assertThat(shortLived.graphQl(WHOAMI).getString("data.whoami.kind")).isEqualTo("TOKEN");
    Thread.sleep(2_500);
    shortLived
        .request()
        .contentType("application/json")
        .body(Map.of("query", WHOAMI))
        .post("/graphql")
        .then()
        .statusCode(401);
  }

  @Test
  void tokensAreStoredOnlyAsSaltedHashes() throws Exception {
    Caller alice = Caller.uniqueUser("alice");
    String ws = workspace(alice);
    JsonPath created =
        alice.graphQl(
            CREATE_TOKEN,
            Map.of("n", "stored", "s", List.of(Map.of("workspace", ws, "role", "READER"))));
    String secret = created.getString("data.createApiToken.secret");
    String tokenId = created.getString("data.createApiToken.token.id");

    try (Connection db = Database.connect();
        PreparedStatement row = db.prepareStatement("select * from api_token where id = ?")) {
      row.setString(1, tokenId);
      try (ResultSet rs = row.executeQuery()) {
        assertThat(rs.next()).isTrue();
        StringBuilder everything = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object value = rs.getObject(i);
          everything.append(value instanceof byte[] bytes ? new String(bytes) : value).append('|');
        }
        assertThat(everything.toString()).doesNotContain(secret.substring(21));
        assertThat(rs.getBytes("secret_hash")).hasSize(32);
        assertThat(rs.getBytes("salt")).hasSize(16);
      }
    }
  }

  @Test
  void tokenListPositionsCannotBeReplayedByAnotherCaller() {
    Caller admin = Caller.uniqueUser("admin", "mlmeta-admins");
    Caller alice = Caller.uniqueUser("alice");
    String ws = workspace(alice);
    for (int i = 0; i < 2; i++) {
      alice.graphQl(
          CREATE_TOKEN,
          Map.of("n", "t" + i, "s", List.of(Map.of("workspace", ws, "role", "READER"))));
    }
    String next =
        alice
            .grpc(AccessServiceGrpc.newBlockingStub(Grpc.channel()))
            .listApiTokens(ListApiTokensRequest.newBuilder().setPageSize(1).build())
            .getNextPageToken();
    assertThat(next).isNotEmpty();

    Grpc.failure(
        Status.Code.INVALID_ARGUMENT,
        () ->
            admin
                .grpc(AccessServiceGrpc.newBlockingStub(Grpc.channel()))
                .listApiTokens(
                    ListApiTokensRequest.newBuilder().setPageSize(1).setPageToken(next).build()));
  }

  private static String workspace(Caller owner) {
    String name = Names.unique("acl");
    JsonPath created = owner.graphQl(CREATE_WORKSPACE, vars(name));
    assertThat(created.getString("data.createWorkspace.name"))
        .as(created.prettify())
        .isEqualTo(name);
    return name;
  }

  private static String dataset(Caller writer, String ws) {
    JsonPath created = writer.graphQl(CREATE_DATASET, Map.of("w", ws));
    String id = created.getString("data.createArtifact.id");
    assertThat(id).as(created.prettify()).isNotNull();
    return id;
  }

  private static void grant(Caller owner, String ws, String kind, String grantee, String role) {
    JsonPath granted = grantResult(owner, ws, kind, grantee, role);
    assertThat(granted.getString("data.grantRole.role")).as(granted.prettify()).isEqualTo(role);
  }

  private static JsonPath grantResult(
      Caller owner, String ws, String kind, String grantee, String role) {
    return owner.graphQl(GRANT, Map.of("w", ws, "k", kind, "g", grantee, "r", role));
  }

  private static String code(JsonPath answer) {
    return answer.getString("errors[0].extensions.code");
  }

  private static Map<String, Object> vars(String name) {
    return Map.of("n", name, "w", name);
  }

  private static Map<String, Object> id(String id) {
    return Map.of("id", id);
  }
}
