package io.mlmeta.it.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.it.support.InProcessNeo4j;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.it.support.TemporaryDirectories;
import io.mlmeta.proto.v1.CheckMirrorResponse;
import io.mlmeta.proto.v1.GetMirrorStatusRequest;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.dbms.api.DatabaseManagementService;

/**
 * Neo4j goes down in the middle of the tuning experiment: every trial is still recorded, the server
 * stays ready, and once Neo4j is back the mirror catches up and the consistency check finds nothing
 * missing.
 */
class MirrorOutageScenarioIT {

  @Test
  void neo4jDownDuringTuningLosesNothing() throws Exception {
    Path data = Files.createTempDirectory("mlmeta-it-neo4j-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    DatabaseManagementService[] neo4j = {InProcessNeo4j.start(data, port)};
    PackagedServer server =
        PackagedServer.start(
            Map.of(
                "MLMETA_NEO4J_URI",
                "bolt://127.0.0.1:" + port,
                // Retry Neo4j often so the catch-up after the outage is quick.
                "MLMETA_LINEAGE_PROJECTOR_MAX_BACKOFF",
                "2s"));
    try (Platform platform = new Platform(server)) {
      String ws = platform.newWorkspace("outage");
      Scenarios.Training training = Scenarios.training(platform, ws);
      Scenarios.Tuning tuning =
          Scenarios.tuning(
              platform,
              ws,
              training.dataset(),
              () -> {
                neo4j[0].shutdown();
                assertThat(ready(server)).as("readiness while Neo4j is down").isTrue();
              });
      assertThat(
              platform
                  .admin()
                  .getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance())
                  .getLagRows())
          .as("trials written while Neo4j was down wait in the outbox")
          .isPositive();
      assertThat(platform.executionCount(ws)).isEqualTo(1 + Scenarios.TRIALS);

      neo4j[0] = InProcessNeo4j.start(data, port);
      CheckMirrorResponse check = platform.checkMirrorOnceCaughtUp(Duration.ofSeconds(180));
      assertThat(check.getConsistent()).as(check.toString()).isTrue();
      assertThat(check.getMirrorNodes()).isEqualTo(check.getStoreNodes());
      assertThat(check.getMirrorEdges()).isEqualTo(check.getStoreEdges());
      assertThat(tuning.trials()).hasSize(Scenarios.TRIALS);
    } finally {
      server.close();
      neo4j[0].shutdown();
      TemporaryDirectories.delete(data);
    }
  }

  private static boolean ready(PackagedServer server) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create(server.httpUrl() + "/q/health/ready").toURL().openConnection();
      return connection.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }
}
