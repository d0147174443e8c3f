package io.mlmeta.server.api;

import static io.mlmeta.server.support.Protos.dataset;
import static io.mlmeta.server.support.Protos.execution;
import static io.mlmeta.server.support.Protos.model;
import static io.mlmeta.server.support.Protos.newArtifact;
import static io.mlmeta.server.support.Protos.run;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.server.support.GraphQl;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.mlmeta.server.support.RequestStatements;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GraphQL over HTTP, reading what gRPC wrote and writing through mutations. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class GraphQlApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String workspace() {
    String name = Names.unique("ws");
    Grpc.stub().createWorkspace(CreateWorkspaceRequest.newBuilder().setName(name).build());
    return name;
  }

  private static RecordExecutionResponse trainMnist(String ws, String runName) {
    return Grpc.stub()
        .recordExecution(
            RecordExecutionRequest.newBuilder()
                .setWorkspace(ws)
                .setExecution(execution("Train", "mnist training"))
                .addInputs(newArtifact("Dataset", dataset("mytable-dump")))
                .addOutputs(newArtifact("Model", model("MNIST")))
                .addContexts(run(runName))
                .build());
  }

  @Test
  void readsWhatGrpcWroteWithEveryFieldIntact() throws Exception {
    String ws = workspace();
    RecordExecutionResponse recorded = trainMnist(ws, "run-1");
    JsonPath result =
        GraphQl.post(
            """
            query($ws: String!) {
              artifacts(workspace: $ws, filter: {type: "Model"}) {
                nodes {
                  id type uri name version state properties createTime
                  producers { name type state inputs { name type properties } contexts { type name } }
                  events { type execution { name } }
                }
                pageInfo { hasNextPage endCursor }
              }
            }
            """,
            Map.of("ws", ws));
    assertThat(result.getList("errors")).isNull();
    Map<String, Object> model = result.getMap("data.artifacts.nodes[0]");
    assertThat(model.get("id")).isEqualTo(String.valueOf(recorded.getOutputs(0).getId()));
    assertThat(model.get("name")).isEqualTo("MNIST");
    assertThat(JSON.readTree((String) model.get("properties")))
        .isEqualTo(JSON.valueToTree(model("MNIST")));
    assertThat(result.getString("data.artifacts.nodes[0].producers[0].name"))
        .isEqualTo("mnist training");
    assertThat(result.getString("data.artifacts.nodes[0].producers[0].inputs[0].name"))
        .isEqualTo("mytable-dump");
    assertThat(
            JSON.readTree(
                result.getString("data.artifacts.nodes[0].producers[0].inputs[0].properties")))
        .isEqualTo(JSON.valueToTree(dataset("mytable-dump")));
    assertThat(result.getString("data.artifacts.nodes[0].producers[0].contexts[0].name"))
        .isEqualTo("run-1");
    assertThat(result.getString("data.artifacts.nodes[0].events[0].type")).isEqualTo("OUTPUT");
    assertThat(result.getBoolean("data.artifacts.pageInfo.hasNextPage")).isFalse();
  }

  @Test
  void mutationsRecordAnExecutionAtomically() {
    String ws = workspace();
    String mutation =
        """
        mutation($input: RecordExecutionInput!) {
          recordExecution(input: $input) {
            execution { id name state }
            inputs { id name }
            outputs { id name properties }
            contexts { name type }
          }
        }
        """;
    Map<String, Object> input =
        Map.of(
            "workspace", ws,
            "execution", Map.of("type", "Train", "name", "gql training"),
            "inputs",
                List.of(
                    Map.of(
                        "newArtifact",
                        Map.of(
                            "type",
                            "Dataset",
                            "properties",
                            "{\"uri\":\"s3://d\",\"name\":\"d\"}"))),
            "outputs",
                List.of(
                    Map.of(
                        "newArtifact",
                        Map.of(
                            "type", "Model",
                            "properties",
                                "{\"uri\":\"s3://m\",\"name\":\"m\",\"training_framework\":{\"name\":\"pytorch\"}}"))),
            "contexts", List.of(Map.of("context", Map.of("type", "Run", "name", "gql-run"))));
    JsonPath result = GraphQl.post(mutation, Map.of("input", input));
    assertThat(result.getList("errors")).isNull();
    assertThat(result.getString("data.recordExecution.execution.state")).isEqualTo("NEW");
    assertThat(result.getString("data.recordExecution.contexts[0].type")).isEqualTo("Run");

    Map<String, Object> bad =
        Map.of(
            "workspace", ws,
            "execution", Map.of("type", "Train", "name", "bad"),
            "inputs",
                List.of(
                    Map.of(
                        "newArtifact",
                        Map.of(
                            "type",
                            "Dataset",
                            "properties",
                            "{\"uri\":\"s3://x\",\"name\":\"x\"}"))),
            "outputs",
                List.of(
                    Map.of("newArtifact", Map.of("type", "Model", "properties", "{\"uri\":7}"))));
    JsonPath failed = GraphQl.post(mutation, Map.of("input", bad));
    assertThat(failed.getString("errors[0].message"))
        .startsWith("outputs[0].new_artifact.properties");
    assertThat(failed.getString("errors[0].extensions.code")).isEqualTo("INVALID_ARGUMENT");
    JsonPath count =
        GraphQl.post(
            "query($ws: String!) { artifacts(workspace: $ws) { nodes { name } } }",
            Map.of("ws", ws));
    assertThat(count.getList("data.artifacts.nodes.name")).containsExactlyInAnyOrder("d", "m");
  }

  @Test
  void errorsCarryAMachineReadableCodeAndNoInternals() {
    JsonPath missing = GraphQl.post("{ artifact(id: \"999999999\") { id } }");
    assertThat(missing.getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    assertThat(missing.getString("errors[0].message")).contains("999999999");

    JsonPath badId = GraphQl.post("{ artifact(id: \"abc\") { id } }");
    assertThat(badId.getString("errors[0].extensions.code")).isEqualTo("INVALID_ARGUMENT");
    assertThat(badId.getString("errors[0].message")).startsWith("id:");

    String ws = workspace();
    JsonPath duplicate =
        GraphQl.post("mutation($n: String!) { createWorkspace(name: $n) { id } }", Map.of("n", ws));
    assertThat(duplicate.getString("errors[0].extensions.code")).isEqualTo("ALREADY_EXISTS");
    assertThat(duplicate.prettify())
        .doesNotContain("io.mlmeta")
        .doesNotContain("\tat ")
        .doesNotContain("SQL");
  }

  @Test
  void malformedDocumentsAreRejected() {
    String body =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("query", "{ artifacts(workspace: \"x\" { nodes { id } }"))
            .post("/graphql")
            .then()
            .extract()
            .asString();
    JsonPath result = JsonPath.from(body);
    assertThat(result.getList("errors")).isNotEmpty();
    assertThat(result.getString("errors[0].message")).as(body).containsIgnoringCase("unparseable");
    assertThat(body).doesNotContain("io.mlmeta").doesNotContain("\tat ");

    JsonPath unknownField = GraphQl.post("{ workspaces { nodes { noSuchField } } }");
    assertThat(unknownField.getString("errors[0].extensions.classification"))
        .isEqualTo("ValidationError");
    assertThat(unknownField.getString("errors[0].message")).contains("noSuchField");
  }

  @Test
  void typesCanBeRegisteredAndQueried() {
    String name = Names.unique("Checkpoint");
    JsonPath registered =
        GraphQl.post(
            "mutation($n: String!, $s: String!) { registerType(kind: ARTIFACT, name: $n, propertiesSchema: $s) { name version } }",
            Map.of(
                "n",
                name,
                "s",
                "{\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"integer\"}}}"));
    assertThat(registered.getInt("data.registerType.version")).isEqualTo(1);
    JsonPath types =
        GraphQl.post("{ types(kind: ARTIFACT, first: 1000) { nodes { name builtin } } }");
    assertThat(types.getList("data.types.nodes.name"))
        .contains("Dataset", "Model", "Metrics", name);
  }

  @Test
  void nestedFieldsAreBatchedNotOneQueryPerEntity() {
    String ws = workspace();
    for (int i = 0; i < 3; i++) {
      trainMnist(ws, "run-" + i);
    }
    String query =
        """
        query($ws: String!, $n: Int!) {
          executions(workspace: $ws, first: $n) {
            nodes { name inputs { name producers { name } } outputs { name consumers { name } } contexts { name parents { name } } events { type artifact { name } } }
          }
        }
        """;
    long small = statements(() -> GraphQl.post(query, Map.of("ws", ws, "n", 1)));
    for (int i = 3; i < 12; i++) {
      trainMnist(ws, "run-" + i);
    }
    long large = statements(() -> GraphQl.post(query, Map.of("ws", ws, "n", 12)));
    assertThat(small).as("statements for 1 execution").isGreaterThan(3);
    assertThat(large).as("statements for 12 executions vs 1").isEqualTo(small);
  }

  private static long statements(Runnable query) {
    long before = RequestStatements.count();
    query.run();
    return RequestStatements.count() - before;
  }

  @Test
  void bestTrialIsFoundByOrderingOnMetricValuesServerSide() {
    String ws = workspace();
    double[] accuracies = {0.91, 0.97, 0.88, 0.95, 0.99, 0.93};
    for (int i = 0; i < accuracies.length; i++) {
      Grpc.stub()
          .recordExecution(
              RecordExecutionRequest.newBuilder()
                  .setWorkspace(ws)
                  .setExecution(execution("Tune", "trial-" + i))
                  .addOutputs(
                      newArtifact(
                          "Metrics",
                          Map.of(
                              "uri", "s3://m/" + i,
                              "name", "trial-" + i,
                              "values", Map.of("accuracy_1", accuracies[i]))))
                  .build());
    }
    Grpc.stub()
        .recordExecution(
            RecordExecutionRequest.newBuilder()
                .setWorkspace(ws)
                .setExecution(execution("Tune", "trial-without-metric"))
                .addOutputs(newArtifact("Metrics", Map.of("uri", "s3://m/x", "name", "no-values")))
                .build());
    String query =
        """
        query($ws: String!, $after: String) {
          artifacts(workspace: $ws, filter: {type: "Metrics", ranges: [{path: "values.accuracy_1", gte: 0.9}]},
                    orderBy: {path: "values.accuracy_1", descending: true}, first: 2, after: $after) {
            nodes { name producers { name } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;
    JsonPath best = GraphQl.post(query, Map.of("ws", ws));
    assertThat(best.getList("errors")).as(best.prettify()).isNull();
    assertThat(best.getList("data.artifacts.nodes.name")).containsExactly("trial-4", "trial-1");
    assertThat(best.getString("data.artifacts.nodes[0].producers[0].name")).isEqualTo("trial-4");
    java.util.List<Object> all =
        new java.util.ArrayList<>(best.getList("data.artifacts.nodes.name"));
    String cursor = best.getString("data.artifacts.pageInfo.endCursor");
    while (cursor != null) {
      java.util.Map<String, Object> variables = new java.util.HashMap<>();
      variables.put("ws", ws);
      variables.put("after", cursor);
      JsonPath page = GraphQl.post(query, variables);
      all.addAll(page.getList("data.artifacts.nodes.name"));
      cursor = page.getString("data.artifacts.pageInfo.endCursor");
    }
    assertThat(all).containsExactly("trial-4", "trial-1", "trial-3", "trial-5", "trial-0");

    JsonPath badPath =
        GraphQl.post(
            "query($ws: String!) { artifacts(workspace: $ws, orderBy: {path: \"values..x\"}) { nodes { id } } }",
            Map.of("ws", ws));
    assertThat(badPath.getString("errors[0].extensions.code")).isEqualTo("INVALID_ARGUMENT");
    assertThat(badPath.getString("errors[0].message")).startsWith("order.path");
  }

  @Test
  void metricsAndHealthAreServed() {
    given().get("/q/health/ready").then().statusCode(200);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).contains("agroal").contains("grpc_server");
  }
}
