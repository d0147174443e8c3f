package io.mlmeta.server.api.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.mlmeta.server.support.GraphQl;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * A web page cannot drive the server through a visitor's browser: no cross-site simple request runs
 * a mutation, no foreign origin writes, and a loopback server answers only loopback names.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class BrowserRequestGuardTest {

  private static String createWorkspace(String name) {
    return "{\"query\":\"mutation { createWorkspace(name: \\\"" + name + "\\\") { name } }\"}";
  }

  private static boolean exists(String name) {
    return GraphQl.post("{ workspace(name: \"" + name + "\") { name } }")
            .getString("data.workspace.name")
        != null;
  }

  @Test
  void aMutationSentAsPlainTextOrAFormRunsNothing() {
    String name = Names.unique("csrf");
    given()
        .contentType(ContentType.TEXT)
        .body(createWorkspace(name))
        .post("/graphql")
        .then()
        .statusCode(415)
        .body(containsString("application/json"));
    given()
        .contentType(ContentType.URLENC)
        .formParam("query", "mutation { createWorkspace(name: \"" + name + "\") { name } }")
        .post("/graphql")
        .then()
        .statusCode(415);
    assertThat(exists(name)).isFalse();
  }

  @Test
  void aWriteFromAForeignOriginIsRefusedAndTheServersOwnOriginIsAccepted() {
    String refused = Names.unique("foreign");
    given()
        .contentType(ContentType.JSON)
        .header("Origin", "https://attacker.example")
        .body(createWorkspace(refused))
        .post("/graphql")
        .then()
        .statusCode(403)
        .body(containsString("attacker.example"));
    assertThat(exists(refused)).isFalse();

    String accepted = Names.unique("own");
    given()
        .contentType(ContentType.JSON)
        .header("Origin", "http://localhost:" + RestAssured.port)
        .body(createWorkspace(accepted))
        .post("/graphql")
        .then()
        .statusCode(200);
    assertThat(exists(accepted)).isTrue();
  }

  @Test
  void aLoopbackServerRefusesRequestsForOtherHostNames() {
    given()
        .header("Host", "rebound.attacker.example:" + RestAssured.port)
        .get("/q/health/live")
        .then()
        .statusCode(403);
    given()
        .header("Host", "127.0.0.1:" + RestAssured.port)
        .get("/q/health/live")
        .then()
        .statusCode(200);
  }
}
