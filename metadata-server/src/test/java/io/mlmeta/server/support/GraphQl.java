package io.mlmeta.server.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;

/** Posts GraphQL documents to the test server over HTTP. */
public final class GraphQl {

  private GraphQl() {}

  public static JsonPath post(String query) {
    return post(query, Map.of());
  }

  public static JsonPath post(String query, Map<String, Object> variables) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("query", query, "variables", variables))
        .post("/graphql")
        .then()
        .extract()
        .jsonPath();
  }
}
