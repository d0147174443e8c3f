package io.mlmeta.server.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import graphql.introspection.IntrospectionQuery;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GraphQL query cost limits (issues 11 and 16): a document nested too deep or asking for too many
 * fields (aliases included), or holding more mutations than one request may run, is refused before
 * anything runs, with an error that names the limit; the introspection query that GraphiQL and code
 * generators send stays within them.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class GraphQlCostLimitsTest {

  @Test
  void aQueryNestedTooDeepIsRefusedBeforeItRuns() {
    StringBuilder query = new StringBuilder("{ execution(id: \"1\") { ");
    int levels = 12;
    for (int i = 0; i < levels; i++) {
      query.append("inputs { consumers { ");
    }
    query.append("id");
    query.append(" } }".repeat(levels)).append(" } }");

    JsonPath answer = post(query.toString());
    assertThat(answer.getString("errors[0].message")).contains("depth").contains("> 15");
    assertRefusedBeforeRunning(answer);
  }

  @Test
  void tooManyFieldsThroughAliasesAreRefusedBeforeTheyRun() {
    StringBuilder query = new StringBuilder("{ ");
    for (int i = 0; i < 1_000; i++) {
      query.append("w").append(i).append(": workspaces(first: 1) { nodes { name } } ");
    }
    query.append("}");

    JsonPath answer = post(query.toString());
    assertThat(answer.getString("errors[0].message")).contains("complexity").contains("> 2000");
    assertRefusedBeforeRunning(answer);
  }

  @Test
  void aDocumentWithMoreMutationsThanAllowedRunsNoneOfThem() {
    String prefix = Names.unique("aliased");
    StringBuilder mutation = new StringBuilder("mutation { ");
    for (int i = 0; i <= 50; i++) {
      mutation
          .append("m")
          .append(i)
          .append(": createWorkspace(name: \"")
          .append(prefix)
          .append('-')
          .append(i)
          .append("\") { id } ");
    }
    mutation.append("}");

    JsonPath answer = post(mutation.toString());
    assertThat(answer.getString("errors[0].message"))
        .contains("51 mutations")
        .contains("at most 50");
    assertRefusedBeforeRunning(answer);
    assertThat(post("{ workspace(name: \"" + prefix + "-0\") { id } }").getMap("data.workspace"))
        .isNull();
  }

  @Test
  void theIntrospectionQueryOfGraphQlToolsStaysWithinTheLimits() {
    JsonPath answer = post(IntrospectionQuery.INTROSPECTION_QUERY);
    assertThat(answer.getList("errors")).isNull();
    assertThat(answer.getList("data.__schema.types")).isNotEmpty();
  }

  /** Refused as a whole by a limit, with no field resolved. */
  private static void assertRefusedBeforeRunning(JsonPath answer) {
    assertThat(answer.getString("errors[0].extensions.classification"))
        .isEqualTo("ExecutionAborted");
    assertThat(answer.getMap("data")).isNull();
  }

  private static JsonPath post(String query) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", query))
        .post("/graphql")
        .then()
        .extract()
        .jsonPath();
  }
}
