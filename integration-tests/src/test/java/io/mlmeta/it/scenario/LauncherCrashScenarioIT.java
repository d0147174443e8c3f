package io.mlmeta.it.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.proto.v1.GetWorkspaceRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher of {@code ./mlmeta server} is killed with SIGKILL: its server JVM and its embedded
 * Neo4j follow it instead of running on orphaned, the next start stops the PostgreSQL it left
 * running and comes up on the same data, and a launcher started on a port another server holds says
 * so in one line instead of reporting the other server's readiness as its own.
 */
class LauncherCrashScenarioIT {

  @Test
  void aKilledLauncherTakesItsServerAlongAndTheNextStartRecovers() throws Exception {
    PackagedServer server = PackagedServer.start(Map.of());
    try {
      String ws;
      try (Platform platform = new Platform(server)) {
        ws = platform.newWorkspace("launcher");
      }
      ProcessBuilder second = server.launcherCommand().redirectErrorStream(true);
      Process competing = second.start();
      assertThat(competing.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(competing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(competing.exitValue()).isEqualTo(1);
      assertThat(output.strip().lines().filter(line -> line.startsWith("mlmeta: cannot start")))
          .singleElement()
          .asString()
          .contains("port " + server.port())
          .contains("in use");
      assertThat(output).doesNotContain("ready").doesNotContain("Exception");

      long serverPid = Long.parseLong(endpoints(server.home()).getProperty("server.pid"));
      long neo4jPid = Long.parseLong(endpoints(server.home()).getProperty("neo4j.pid"));
      server.killLauncher();
      Instant killed = Instant.now();
      ProcessHandle orphan = ProcessHandle.of(serverPid).orElse(null);
      if (orphan != null) {
        orphan.onExit().get(60, TimeUnit.SECONDS);
      }
      Duration serverExit = Duration.between(killed, Instant.now());
      ProcessHandle orphanedNeo4j = ProcessHandle.of(neo4jPid).orElse(null);
      if (orphanedNeo4j != null) {
        orphanedNeo4j.onExit().get(60, TimeUnit.SECONDS);
      }
      Duration neo4jExit = Duration.between(killed, Instant.now());

      Instant restarting = Instant.now();
      server.startAgain();
      Duration restart = Duration.between(restarting, Instant.now());
      try (Platform platform = new Platform(server)) {
        assertThat(
                platform
                    .metadata()
                    .getWorkspace(GetWorkspaceRequest.newBuilder().setName(ws).build())
                    .getName())
            .isEqualTo(ws);
      }
      System.out.printf(
          "launcher SIGKILL: server JVM exited after %d ms, embedded Neo4j after %d ms;"
              + " next start ready in %d ms%n",
          serverExit.toMillis(), neo4jExit.toMillis(), restart.toMillis());
    } finally {
      server.close();
    }
  }

  private static Properties endpoints(Path home) throws IOException {
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(home.resolve("run/endpoints.properties"))) {
      properties.load(reader);
    }
    return properties;
  }
}
