package io.mlmeta.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsFileTest {

  @TempDir Path home;

  @Test
  void writesEveryEndpointUnderRunAndDeletesIt() throws Exception {
    EndpointsFile file = new EndpointsFile(home);
    file.write(
        EndpointsFile.entries(
            "jdbc:postgresql://localhost:5432/postgres",
            "postgres",
            "secret",
            "bolt://127.0.0.1:7687",
            "graph-secret",
            8080,
            11,
            12,
            13L));

    assertThat(file.path()).isEqualTo(home.resolve("run/endpoints.properties"));
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file.path())) {
      properties.load(reader);
    }
    assertThat(properties)
        .containsEntry("db.url", "jdbc:postgresql://localhost:5432/postgres")
        .containsEntry("db.user", "postgres")
        .containsEntry("db.password", "secret")
        .containsEntry("neo4j.uri", "bolt://127.0.0.1:7687")
        .containsEntry("neo4j.user", "neo4j")
        .containsEntry("neo4j.password", "graph-secret")
        .containsEntry("http.url", "http://localhost:8080")
        .containsEntry("grpc.target", "localhost:8080")
        .containsEntry("launcher.pid", "11")
        .containsEntry("server.pid", "12");

    file.delete();
    assertThat(file.path()).doesNotExist();
  }

  @Test
  void leavesOutTheBoltUriWithoutAMirror() {
    assertThat(EndpointsFile.entries("jdbc:postgresql://db/x", "u", "p", null, null, 1, 2, 3, null))
        .doesNotContainKey("neo4j.uri");
  }
}
