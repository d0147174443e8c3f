package io.mlmeta.server.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The served GraphQL schema must equal the snapshot checked into the schemas module, so that every
 * API change is visible in review. After an intended change, run the build with {@code
 * -DupdateSchemaSnapshot=true} and commit the new snapshot.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class GraphQlSchemaSnapshotTest {

  private static final Path SNAPSHOT =
      Path.of("../schemas/src/main/resources/graphql/schema.graphqls");

  @Test
  void servedSchemaMatchesTheSnapshot() throws Exception {
    String served =
        given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
    if (Boolean.getBoolean("updateSchemaSnapshot")) {
      Files.createDirectories(SNAPSHOT.getParent());
      Files.writeString(SNAPSHOT, served, StandardCharsets.UTF_8);
    }
    assertThat(served)
        .as("served schema differs from %s; see this test's Javadoc", SNAPSHOT)
        .isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
  }
}
