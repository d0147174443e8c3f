package io.mlmeta.it.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.proto.v1.CheckMirrorResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The embedded Neo4j of {@code ./mlmeta server} runs in its own process (issue 11: inside the
 * launcher it could not be faulted or restarted alone). Killed with SIGKILL in the middle of a
 * tuning experiment, it is started again by the launcher, every trial is recorded meanwhile, and
 * the mirror catches up with nothing missing.
 */
class EmbeddedNeo4jCrashScenarioIT {

  @Test
  void aKilledEmbeddedNeo4jIsStartedAgainAndTheMirrorCatchesUp() throws Exception {
    PackagedServer server =
        PackagedServer.start(Map.of("MLMETA_LINEAGE_PROJECTOR_MAX_BACKOFF", "2s"));
    try (Platform platform = new Platform(server)) {
      long firstNeo4j = neo4jPid(server.home());
      assertThat(
              ProcessHandle.of(firstNeo4j).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
          .as("Neo4j runs as a child process of the launcher, not inside it")
          .contains(Long.parseLong(endpoints(server.home()).getProperty("launcher.pid")));

      String ws = platform.newWorkspace("neo4j-crash");
      Scenarios.Training training = Scenarios.training(platform, ws);
      Instant[] killed = new Instant[1];
      Scenarios.tuning(
          platform,
          ws,
          training.dataset(),
          () -> {
            ProcessHandle.of(firstNeo4j).orElseThrow().destroyForcibly();
            killed[0] = Instant.now();
          });
      assertThat(platform.executionCount(ws)).isEqualTo(1 + Scenarios.TRIALS);

      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> neo4jPid(server.home()) != firstNeo4j);
      Duration restarted = Duration.between(killed[0], Instant.now());
      assertThat(ProcessHandle.of(neo4jPid(server.home())).map(ProcessHandle::isAlive))
          .contains(true);
      CheckMirrorResponse check = platform.checkMirrorOnceCaughtUp(Duration.ofSeconds(180));
      Duration caughtUp = Duration.between(killed[0], Instant.now());
      assertThat(check.getConsistent()).as(check.toString()).isTrue();
      assertThat(check.getMirrorEdges()).isEqualTo(check.getStoreEdges());
      System.out.printf(
          "embedded Neo4j SIGKILL: running again after %d ms, mirror caught up after %d ms,"
              + " %d nodes and %d edges consistent%n",
          restarted.toMillis(),
          caughtUp.toMillis(),
          check.getMirrorNodes(),
          check.getMirrorEdges());
    } finally {
      server.close();
    }
  }

  private static long neo4jPid(Path home) throws IOException {
    return Long.parseLong(endpoints(home).getProperty("neo4j.pid"));
  }

  /** The launcher writes the file after its own readiness poll, a moment after the server's. */
  private static Properties endpoints(Path home) throws IOException {
    Path file = home.resolve("run/endpoints.properties");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(file));
    Properties endpoints = new Properties();
    try (var reader = Files.newBufferedReader(file)) {
      endpoints.load(reader);
    }
    return endpoints;
  }
}
