package io.mlmeta.it.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.proto.v1.ExecutionFilter;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.ListEventsRequest;
import io.mlmeta.proto.v1.ListExecutionsRequest;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL is killed with SIGKILL while clients write: no acknowledged write is
 * lost, every failure in the outage is a retryable UNAVAILABLE (never INTERNAL), readiness says
 * DOWN without telling where the database is, and once it is back, retrying every failed write
 * stores each execution exactly once.
 */
class PostgresCrashScenarioIT {

  private static final int WRITERS = 3;
  private static final int ACKNOWLEDGED_BEFORE_CRASH = 150;

  @Test
  void killingPostgresLosesNoAcknowledgedWriteAndRetriesDoubleNothing() throws Exception {
    PackagedServer server = PackagedServer.start(Map.of("MLMETA_NEO4J_URI", "none"));
    try {
      String ws;
      try (Platform platform = new Platform(server)) {
        ws = platform.newWorkspace("crash");
      }
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      Set<String> failed = ConcurrentHashMap.newKeySet();
      Set<Status.Code> failureCodes = ConcurrentHashMap.newKeySet();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> writers = new ArrayList<>();
      try (Platform platform = new Platform(server)) {
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          writers.add(
              pool.submit(
                  () -> {
                    for (int n = 0; !stop.get(); n++) {
                      String id = "writer-" + writer + "-" + n;
                      try {
                        platform.metadata().recordExecution(request(ws, id));
                        acknowledged.add(id);
                      } catch (StatusRuntimeException e) {
                        failed.add(id);
                        failureCodes.add(e.getStatus().getCode());
                      }
                    }
                  }));
        }
        awaitSize(acknowledged, ACKNOWLEDGED_BEFORE_CRASH, Duration.ofMinutes(2));
        long postmaster = postmasterPid(server.home());
        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
        Instant killed = Instant.now();
        while (failed.size() < WRITERS * 5
            && Duration.between(killed, Instant.now()).toSeconds() < 30) {
          TimeUnit.MILLISECONDS.sleep(100);
        }

        HttpResponse<String> readiness = get(server.httpUrl() + "/q/health/ready");
        JsonNode graphQlError =
            platform.graphQl().post("{ workspaces(first: 1) { nodes { name } } }", Map.of());
        stop.set(true);
        for (Future<?> writer : writers) {
          writer.get(2, TimeUnit.MINUTES);
        }

        assertThat(failureCodes)
            .as("answers while PostgreSQL is down; server log: %s", internalErrors(server))
            .containsOnly(Status.Code.UNAVAILABLE);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body())
            .contains("DOWN")
            .doesNotContain("jdbc")
            .doesNotContain("127.0.0.1")
            .doesNotContain("localhost")
            .doesNotContainIgnoringCase("password");
        assertThat(graphQlError.at("/errors/0/extensions/code").asText())
            .as(graphQlError.toString())
            .isEqualTo("UNAVAILABLE");
      } finally {
        pool.shutdownNow();
      }

      server.restart();
      try (Platform platform = new Platform(server)) {
        for (String id : failed) {
          platform.metadata().recordExecution(request(ws, id));
        }
        for (String id : union(acknowledged, failed)) {
          var executions =
              platform
                  .metadata()
                  .listExecutions(
                      ListExecutionsRequest.newBuilder()
                          .setWorkspace(ws)
                          .setFilter(ExecutionFilter.newBuilder().setExternalId(id))
                          .build())
                  .getExecutionsList();
          assertThat(executions).as("executions with external id %s", id).hasSize(1);
          assertThat(
                  platform
                      .metadata()
                      .listEvents(
                          ListEventsRequest.newBuilder()
                              .setExecutionId(executions.get(0).getId())
                              .build())
                      .getEventsList())
              .as("events of %s", id)
              .hasSize(1);
        }
        RecordExecutionResponse replay =
            platform.metadata().recordExecution(request(ws, acknowledged.iterator().next()));
        assertThat(replay.getOutputsCount()).isEqualTo(1);
      }
      System.out.printf(
          "postgres crash: %d acknowledged before and during the crash, %d failed and retried,"
              + " 0 lost, 0 doubled%n",
          acknowledged.size(), failed.size());
    } finally {
      server.close();
    }
  }

  /** A training step with one output model that has no external id of its own. */
  private static RecordExecutionRequest request(String ws, String externalId) {
    return RecordExecutionRequest.newBuilder()
        .setWorkspace(ws)
        .setExecution(
            ExecutionSpec.newBuilder()
                .setType("Train")
                .setName(externalId)
                .setExternalId(externalId))
        .addOutputs(
            ArtifactLink.newBuilder()
                .setNewArtifact(
                    ArtifactSpec.newBuilder()
                        .setType("Model")
                        .setProperties(
                            Platform.struct(
                                Map.of(
                                    "uri",
                                    "s3://models/" + externalId,
                                    "name",
                                    "model",
                                    "version",
                                    externalId)))))
        .build();
  }

  /** The server log's internal-error incidents with their causes, to explain a failure. */
  private static String internalErrors(PackagedServer server) {
    try {
      List<String> lines = Files.readAllLines(server.home().resolve("launcher.log"));
      StringBuilder found = new StringBuilder();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains("Internal error")) {
          lines.subList(i, Math.min(i + 60, lines.size())).stream()
              .filter(line -> !line.trim().startsWith("at ") || line.contains("mlmeta"))
              .forEach(line -> found.append(line).append('\n'));
        }
      }
      return found.toString();
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static void awaitSize(Set<String> set, int size, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (set.size() < size) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("only " + set.size() + " writes acknowledged in " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static long postmasterPid(Path home) throws IOException {
    Path pidFile = home.resolve("postgres").resolve("postmaster.pid");
    return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
