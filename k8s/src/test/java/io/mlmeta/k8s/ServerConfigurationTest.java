package io.mlmeta.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigurationTest {

  @TempDir Path dir;

  @Test
  void readsReferencesAndTheEnvironmentFormOfKeys() throws Exception {
    ServerConfiguration config =
        load(
            """
            quarkus.http.port=8080
            quarkus.datasource.jdbc.url=${MLMETA_DB_URL:jdbc:postgresql://localhost/mlmeta}
            quarkus.log.category."io.mlmeta".level=INFO
            %test.quarkus.http.test-port=8081
            """);

    assertThat(config.reads("QUARKUS_HTTP_PORT")).isTrue();
    assertThat(config.reads("MLMETA_DB_URL")).isTrue();
    assertThat(config.reads("QUARKUS_DATASOURCE_JDBC_URL")).isTrue();
    assertThat(config.reads("QUARKUS_LOG_CATEGORY__IO_MLMETA__LEVEL")).isTrue();
    assertThat(config.reads("QUARKUS_HTTP_TEST_PORT")).isFalse();
  }

  @Test
  void allowsTheNeo4jVariablesOnlyUntilTheServerConfiguresNeo4j() throws Exception {
    assertThat(load("quarkus.http.port=8080\n").reads("MLMETA_NEO4J_URI")).isTrue();

    ServerConfiguration otherNames = load("mlmeta.lineage.neo4j.user=neo4j\n");
    assertThat(otherNames.reads("MLMETA_NEO4J_URI")).isFalse();
    assertThat(otherNames.reads("MLMETA_LINEAGE_NEO4J_USER")).isTrue();

    ServerConfiguration bound = load("mlmeta.lineage.neo4j.uri=${MLMETA_NEO4J_URI:}\n");
    assertThat(bound.reads("MLMETA_NEO4J_URI")).isTrue();
  }

  private ServerConfiguration load(String properties) throws Exception {
    Path file = dir.resolve("application.properties");
    Files.writeString(file, properties);
    return ServerConfiguration.load(file);
  }
}
