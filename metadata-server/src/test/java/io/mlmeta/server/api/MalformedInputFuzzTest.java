package io.mlmeta.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.mlmeta.proto.v1.ArtifactFilter;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.ListArtifactsRequest;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.server.support.Database;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.mlmeta.server.support.Protos;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile input over both APIs (issue 11): nasty strings (NUL, lone surrogates, huge,
 * control characters), numbers out of every range, values of the wrong JSON type, nesting thousands
 * deep and random bytes, in every argument of a set of operations. Whatever comes in, the answer is
 * never a 5xx, an INTERNAL or UNKNOWN status, a class name for a code or a stack trace, and a
 * refused request changes no row. The seed is fixed so a failure reproduces; the failure names it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class MalformedInputFuzzTest {

  private static final long SEED = 20_261_207L;
  private static final int GRAPHQL_CASES = 300;
  private static final int GRPC_CASES = 200;
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z_]*");
  // A qualified class name or a stack frame. graphql-java's own error classifications (such as
  // "DataFetchingException" for a document it cannot parse) are part of its protocol, not leaks.
  private static final Pattern LEAK =
      Pattern.compile("\\b([a-z][a-z0-9]*\\.){2,}[A-Z]\\w*|\\sat [\\w.$]+\\(|Caused by");

  private static final String[] GRAPHQL_OPERATIONS = {
    "mutation($a: String!) { createWorkspace(name: $a) { name } }",
    "mutation($a: String!, $b: String) { createArtifact(workspace: $a, artifact: {type:"
        + " \"Dataset\", properties: $b}) { id } }",
    "query($a: String!, $b: ArtifactFilter) { artifacts(workspace: $a, filter: $b, first: 5) {"
        + " nodes { id } } }",
    "query($a: [String], $b: Int, $c: Int, $d: BigInteger) { lineage(artifactIds: $a, maxHops: $b,"
        + " first: $c, minPosition: $d) { nodes { key } } }",
    "query($a: ID!) { artifact(id: $a) { id } }",
    "mutation($a: String!, $b: ExecutionInput) { recordExecution(input: {workspace: $a,"
        + " execution: $b}) { execution { id } } }",
    "query($a: String!, $b: Int) { executions(workspace: $a, first: $b) { nodes { id } } }",
  };

  private static final String[] GRPC_METHODS = {
    "mlmeta.v1.MetadataService/CreateWorkspace",
    "mlmeta.v1.MetadataService/GetArtifact",
    "mlmeta.v1.MetadataService/ListArtifacts",
    "mlmeta.v1.MetadataService/RecordExecution",
    "mlmeta.v1.LineageService/GetLineage",
    "mlmeta.v1.LineageService/FindPaths",
  };

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/graphql")
  URI graphQl;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void hostileGraphQlNeverBreaksTheServerOrChangesRowsWhenRefused() throws Exception {
    Random random = new Random(SEED);
    String workspace = workspace();
    int refused = 0;
    for (int i = 0; i < GRAPHQL_CASES; i++) {
      String body = random.nextInt(5) == 0 ? hostileEnvelope(random) : hostileRequest(random, i);
      String context = "seed " + SEED + ", case " + i + ": " + shorten(body);
      long[] before = rowCounts();
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(graphQl)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String answer = response.body();
      assertThat(response.statusCode()).as(context).isLessThan(500);
      assertThat(answer).as(context).doesNotContainPattern(LEAK);
      List<String> codes = codes(answer);
      codes.forEach(code -> assertThat(String.valueOf(code)).as(context).matches(CODE));
      assertThat(codes).as(context).doesNotContain("INTERNAL", "UNKNOWN");
      if (response.statusCode() >= 400 || answer.contains("\"errors\"")) {
        refused++;
        assertThat(rowCounts()).as(context + " changed rows although refused").isEqualTo(before);
      }
    }
    assertThat(refused).as("most hostile requests are refused").isGreaterThan(GRAPHQL_CASES / 2);
    assertThat(workspace).isNotBlank();
  }

  @Test
  void hostileGrpcNeverAnswersInternalOrChangesRowsWhenRefused() throws SQLException {
    Random random = new Random(SEED + 1);
    String workspace = workspace();
    int refused = 0;
    for (int i = 0; i < GRPC_CASES; i++) {
      long[] before = rowCounts();
      String context = "seed " + (SEED + 1) + ", case " + i;
      Status.Code code;
      if (random.nextBoolean()) {
        String method = GRPC_METHODS[random.nextInt(GRPC_METHODS.length)];
        byte[] bytes = hostileBytes(random);
        context += ": " + bytes.length + " random bytes to " + method;
        code = status(() -> raw(method, bytes));
      } else {
        Supplier<Object> call = hostileMessage(random, workspace);
        code = status(call);
      }
      assertThat(code).as(context).isNotIn(Status.Code.INTERNAL, Status.Code.UNKNOWN);
      if (code != Status.Code.OK) {
        refused++;
        assertThat(rowCounts()).as(context + " changed rows although refused").isEqualTo(before);
      }
    }
    assertThat(refused).as("most hostile calls are refused").isGreaterThan(GRPC_CASES / 2);
  }

  // ---- GraphQL ----

  /** One of the operations, each variable a hostile value of any JSON type. */
  private static String hostileRequest(Random random, int index) {
    String operation = GRAPHQL_OPERATIONS[index % GRAPHQL_OPERATIONS.length];
    StringBuilder variables = new StringBuilder("{");
    String[] names = {"a", "b", "c", "d"};
    for (int v = 0; v < names.length; v++) {
      if (v > 0) {
        variables.append(',');
      }
      variables.append('"').append(names[v]).append("\":").append(hostileValue(random, 0));
    }
    variables.append('}');
    return "{\"query\":" + json(operation) + ",\"variables\":" + variables + "}";
  }

  /** The request envelope itself malformed: members of the wrong type, or not JSON at all. */
  private static String hostileEnvelope(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> "{\"query\":" + hostileValue(random, 0) + "}";
      case 1 ->
          "{\"query\":\"{ workspaces { nodes { name } } }\",\"variables\":"
              + hostileValue(random, 0)
              + "}";
      case 2 ->
          "{\"query\":\"{ workspaces { nodes { name } } }\",\"operationName\":"
              + hostileValue(random, 0)
              + "}";
      case 3 -> hostileValue(random, 0);
      default -> new String(hostileBytes(random), java.nio.charset.StandardCharsets.ISO_8859_1);
    };
  }

  /** A JSON value (as text) of a random type, often one no argument expects. */
  private static String hostileValue(Random random, int depth) {
    int kind = random.nextInt(depth > 2 ? 5 : 8);
    return switch (kind) {
      case 0, 1 -> json(hostileString(random));
      case 2 -> hostileNumber(random);
      case 3 -> random.nextBoolean() ? "true" : "false";
      case 4 -> "null";
      case 5 -> "[" + hostileValue(random, depth + 1) + "," + hostileValue(random, depth + 1) + "]";
      case 6 ->
          "{\"propertiesContain\":"
              + json(random.nextBoolean() ? deepJson(random.nextInt(6_000)) : hostileString(random))
              + ",\"name\":"
              + hostileValue(random, depth + 1)
              + "}";
      default -> "[".repeat(3_000) + "]".repeat(3_000);
    };
  }

  private static String hostileString(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> "";
      case 1 -> "a\u0000b";
      case 2 -> "\ud800";
      case 3 -> "x\udfffy";
      case 4 -> "x".repeat(100_000);
      case 5 -> "'; drop table workspace; --";
      case 6 -> "\t\n\r\u0007\u001b[31m";
      case 7 -> deepJson(5_000);
      case 8 -> "{\"uri\": 1e999, \"n\": -0, \"big\": 123456789012345678901234567890}";
      case 9 -> "artifact:" + random.nextLong();
      case 10 -> randomText(random, 1 + random.nextInt(40));
      default -> Names.unique("fuzz");
    };
  }

  private static String hostileNumber(Random random) {
    String[] numbers = {
      "0",
      "-1",
      "2147483648",
      "-2147483649",
      "9223372036854775808",
      "1e999",
      "-1e999",
      "1.5",
      "123456789012345678901234567890",
      "-0",
      "1e-400"
    };
    return numbers[random.nextInt(numbers.length)];
  }

  private static String deepJson(int depth) {
    return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) random.nextInt(0x10000));
    }
    return text.toString();
  }

  /** A JSON string literal; control characters and surrogates as escapes, so any char survives. */
  private static String json(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c) || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static List<String> codes(String answer) throws IOException {
    List<String> codes = new ArrayList<>();
    for (JsonNode error : JSON.readTree(answer).path("errors")) {
      JsonNode code = error.path("extensions").path("code");
      if (!code.isMissingNode() && !code.isNull()) {
        codes.add(code.asText());
      }
    }
    return codes;
  }

  // ---- gRPC ----

  private static byte[] hostileBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(300)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] raw(String method, byte[] request) {
    MethodDescriptor<byte[], byte[]> descriptor =
        Grpc.raw(method, MethodDescriptor.MethodType.UNARY);
    return ClientCalls.blockingUnaryCall(
        Grpc.channel(),
        descriptor,
        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
        request);
  }

  /** A well-formed message carrying hostile values in its fields. */
  private static Supplier<Object> hostileMessage(Random random, String workspace) {
    String text = hostileString(random);
    String ws = random.nextBoolean() ? workspace : text;
    return switch (random.nextInt(3)) {
      case 0 ->
          () ->
              Grpc.stub()
                  .createWorkspace(CreateWorkspaceRequest.newBuilder().setName(text).build());
      case 1 ->
          () ->
              Grpc.stub()
                  .listArtifacts(
                      ListArtifactsRequest.newBuilder()
                          .setWorkspace(ws)
                          .setFilter(
                              ArtifactFilter.newBuilder()
                                  .setName(text)
                                  .setUri(hostileString(random)))
                          .setPageToken(hostileString(random))
                          .build());
      default ->
          () ->
              Grpc.stub()
                  .recordExecution(
                      RecordExecutionRequest.newBuilder()
                          .setWorkspace(ws)
                          .setExecution(ExecutionSpec.newBuilder().setType("Train").setName(text))
                          .addOutputs(
                              ArtifactLink.newBuilder()
                                  .setNewArtifact(
                                      ArtifactSpec.newBuilder()
                                          .setType("Dataset")
                                          .setProperties(
                                              Protos.struct(
                                                  Map.of(
                                                      "uri", hostileString(random),
                                                      "name", hostileString(random))))))
                          .build());
    };
  }

  private static Status.Code status(Supplier<?> call) {
    try {
      assertThat(call.get()).isNotNull();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  // ---- rows ----

  private long[] rowCounts() throws SQLException {
    String[] tables = {"workspace", "artifact", "execution", "event", "context", "lineage_outbox"};
    long[] counts = new long[tables.length];
    try (Connection connection = Database.connect();
        Statement statement = connection.createStatement()) {
      for (int i = 0; i < tables.length; i++) {
        try (ResultSet rows = statement.executeQuery("select count(*) from " + tables[i])) {
          rows.next();
          counts[i] = rows.getLong(1);
        }
      }
    }
    return counts;
  }

  private static String workspace() {
    String name = Names.unique("fuzz");
    Grpc.stub().createWorkspace(CreateWorkspaceRequest.newBuilder().setName(name).build());
    return name;
  }

  private static String shorten(String body) {
    return body.length() <= 300
        ? body
        : body.substring(0, 300) + "... (" + body.length() + " chars)";
  }
}
