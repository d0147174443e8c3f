package io.mlmeta.server.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.Pipelines;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The small REST surface answers with the error table's HTTP statuses. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class RestApiTest {

  @Test
  void workspacesAreReadableAndUnknownOnesAre404() {
    String ws = Pipelines.workspace();
    given().get("/api/v1/workspaces/" + ws).then().statusCode(200).body("name", equalTo(ws));
    given()
        .get("/api/v1/workspaces/no-such-workspace-here")
        .then()
        .statusCode(404)
        .body("code", equalTo("NOT_FOUND"))
        .body("message", containsString("no-such-workspace-here"))
        .body(not(containsString("Exception")));
  }

  @Test
  void mirrorStatusIsServed() {
    given()
        .get("/api/v1/admin/lineage-mirror")
        .then()
        .statusCode(200)
        .body("configured", equalTo(true));
  }
}
