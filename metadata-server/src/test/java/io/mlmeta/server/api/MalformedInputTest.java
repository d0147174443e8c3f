package io.mlmeta.server.api;

import static io.mlmeta.server.support.Protos.execution;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.GetWorkspaceRequest;
import io.mlmeta.proto.v1.ListExecutionsRequest;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.server.api.error.ErrorTable;
import io.mlmeta.server.support.GraphQl;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.Pipelines;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Input the database cannot store or the engine cannot read is refused up front with the field's
 * name: never a 500, an INTERNAL, a class name for a code, or a silently changed value.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class MalformedInputTest {

  private static String workspace() {
    String name = Names.unique("bad");
    Grpc.stub().createWorkspace(CreateWorkspaceRequest.newBuilder().setName(name).build());
    return name;
  }

  @Test
  void aMalformedGraphQlEnvelopeIsA400NamingTheMember() {
    String[][] cases = {
      {"{\"query\":\"{ workspaces { nodes { name } } }\",\"variables\":\"x\"}", "variables"},
      {"{\"query\":\"{ workspaces { nodes { name } } }\",\"operationName\":5}", "operationName"},
      {"{\"query\":7}", "query"},
      {"[1,2]", "JSON object"},
      {"not json", "not valid JSON"},
      {"{\"query\":\"{ a\\u0000b }\"}", "U+0000 at offset 3"},
      {"{\"query\":\"{ \\ud800 }\"}", "U+D800 at offset 2"},
      {
        "{\"query\":\"{ a }\",\"variables\":{\"v\":" + "[".repeat(40) + "]".repeat(40) + "}}",
        "deeper than 32 levels"
      },
    };
    for (String[] body : cases) {
      JsonPath answer =
          given()
              .contentType(ContentType.JSON)
              .body(body[0])
              .post("/graphql")
              .then()
              .statusCode(400)
              .extract()
              .jsonPath();
      assertThat(answer.getString("errors[0].message")).as(body[0]).contains(body[1]);
      assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("INVALID_ARGUMENT");
    }
  }

  @Test
  void anExplicitNullForAnArgumentWithADefaultMeansTheDefault() {
    String workspace = workspace();
    Grpc.stub()
        .recordExecution(
            RecordExecutionRequest.newBuilder()
                .setWorkspace(workspace)
                .setExecution(execution("Train", "defaults"))
                .build());
    String[][] pairs = {
      {
        "{ workspaces(first: null) { nodes { name } } }", "{ workspaces { nodes { name } } }",
      },
      {
        "{ executions(workspace: \"" + workspace + "\", first: null) { nodes { id } } }",
        "{ executions(workspace: \"" + workspace + "\") { nodes { id } } }",
      },
      {
        "{ lineage(workspace: \""
            + workspace
            + "\", startExecutions: {}, direction: null,"
            + " maxHops: null, first: null, minPosition: null, timeBudgetMillis: null)"
            + " { nodes { key } truncated } }",
        "{ lineage(workspace: \""
            + workspace
            + "\", startExecutions: {}) { nodes { key } truncated } }",
      },
      {
        "{ impact(workspace: \""
            + workspace
            + "\", startExecutions: {}, maxHops: null,"
            + " minPosition: null) { total } }",
        "{ impact(workspace: \"" + workspace + "\", startExecutions: {}) { total } }",
      },
    };
    for (String[] pair : pairs) {
      JsonPath withNulls = GraphQl.post(pair[0]);
      assertThat(withNulls.getList("errors")).as(pair[0]).isNull();
      assertThat(withNulls.getMap("data"))
          .as(pair[0])
          .isEqualTo(GraphQl.post(pair[1]).getMap("data"));
    }
    JsonPath byVariable =
        GraphQl.post(
            "mutation($reuse: Boolean) { createWorkspace(name: \""
                + workspace
                + "\","
                + " reuseIfExists: $reuse) { name } }",
            Collections.singletonMap("reuse", null));
    assertThat(byVariable.getString("errors[0].extensions.code")).isEqualTo("ALREADY_EXISTS");
  }

  @Test
  void aHugeValueEchoedInAnErrorIsCutToFitTheTrailers() {
    String huge = "w".repeat(100_000) + "\u00e9\u4e2d".repeat(5_000);

    String grpcMessage =
        Grpc.failure(
            Status.Code.NOT_FOUND,
            () -> Grpc.stub().getWorkspace(GetWorkspaceRequest.newBuilder().setName(huge).build()));

    assertThat(grpcMessage).hasSizeLessThanOrEqualTo(ErrorTable.MAX_MESSAGE_LENGTH).contains("cut");
  }

  @Test
  void aCorruptFrameInAnIngestStreamFailsTheStreamInsteadOfStallingIt() throws Exception {
    MethodDescriptor<byte[], byte[]> ingest =
        Grpc.raw(
            "mlmeta.v1.MetadataService/IngestExecutions",
            MethodDescriptor.MethodType.CLIENT_STREAMING);
    byte[] good =
        RecordExecutionRequest.newBuilder()
            .setWorkspace(Pipelines.workspace())
            .setExecution(execution("Train", "around-a-corrupt-frame"))
            .build()
            .toByteArray();
    CompletableFuture<Status> closed = new CompletableFuture<>();
    ClientCall<byte[], byte[]> call =
        Grpc.channel().newCall(ingest, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS));
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        new Metadata());
    call.request(1);
    call.sendMessage(good);
    call.sendMessage(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
    call.sendMessage(good);
    call.halfClose();

    Status status = closed.get(30, TimeUnit.SECONDS);

    assertThat(status.getCode()).as(status.toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription())
        .isEqualTo(
            "the request is not a valid mlmeta.v1.MetadataService/IngestExecutions request"
                + " message");
  }

  @Test
  void anUnparseableGrpcBodyIsInvalidArgument() {
    MethodDescriptor<byte[], byte[]> getWorkspace =
        Grpc.raw("mlmeta.v1.MetadataService/GetWorkspace", MethodDescriptor.MethodType.UNARY);

    String message =
        Grpc.failure(
            Status.Code.INVALID_ARGUMENT,
            () ->
                ClientCalls.blockingUnaryCall(
                    Grpc.channel(),
                    getWorkspace,
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                    new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}));

    assertThat(message)
        .isEqualTo(
            "the request is not a valid mlmeta.v1.MetadataService/GetWorkspace request message");
  }

  @Test
  void nulCharactersAreRefusedByBothApisAndNothingIsStored() {
    String ws = workspace();
    String name = Names.unique("nul");
    JsonPath graphQl =
        GraphQl.post(
            "mutation($n: String!) { createWorkspace(name: $n, description: \"a\\u0000b\") { name } }",
            Map.of("n", name));
    assertThat(graphQl.getString("errors[0].extensions.code")).isEqualTo("INVALID_ARGUMENT");
    assertThat(graphQl.getString("errors[0].message")).startsWith("description:");
    assertThat(
            GraphQl.post("{ workspace(name: \"" + name + "\") { name } }")
                .getString("data.workspace"))
        .isNull();

    String description =
        Grpc.failure(
            Status.Code.INVALID_ARGUMENT,
            () ->
                Grpc.stub()
                    .recordExecution(
                        RecordExecutionRequest.newBuilder()
                            .setWorkspace(ws)
                            .setExecution(execution("Train", "step\u0000one"))
                            .build()));
    assertThat(description).startsWith("execution.name");
    assertThat(
            Grpc.stub()
                .listExecutions(ListExecutionsRequest.newBuilder().setWorkspace(ws).build())
                .getExecutionsCount())
        .isZero();
  }

  @Test
  void propertiesThatWouldChangeOnTheWayInAreRefused() {
    String ws = workspace();
    String[][] cases = {
      {"{\"uri\":\"s3://x\",\"size\":1e999}", "artifact.properties.size"},
      {"{\"uri\":\"s3://x\",\"note\":\"a\\u0000b\"}", "artifact.properties.note"},
      {"{\"uri\":" + "[".repeat(100) + "1" + "]".repeat(100) + "}", "artifact.properties"},
    };
    for (String[] properties : cases) {
      JsonPath answer =
          GraphQl.post(
              "mutation($w: String!, $p: String) {"
                  + " createArtifact(workspace: $w, artifact: {type: \"Dataset\", properties: $p})"
                  + " { id } }",
              Map.of("w", ws, "p", properties[0]));
      assertThat(answer.getString("errors[0].extensions.code"))
          .as(properties[0])
          .isEqualTo("INVALID_ARGUMENT");
      assertThat(answer.getString("errors[0].message")).startsWith(properties[1]);
    }
  }

  @Test
  void aContainmentFilterNestedThousandsDeepIsRefusedNotCrashed() {
    String ws = workspace();
    String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
    JsonPath answer =
        GraphQl.post(
            "query($w: String!, $p: String) {"
                + " artifacts(workspace: $w, filter: {propertiesContain: $p}) { nodes { id } } }",
            Map.of("w", ws, "p", deep));
    assertThat(answer.getString("errors[0].extensions.code")).isEqualTo("INVALID_ARGUMENT");
    assertThat(answer.getString("errors[0].message")).contains("propertiesContain");
  }
}
