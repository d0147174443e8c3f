package io.mlmeta.server.api;

import static io.mlmeta.server.support.Protos.dataset;
import static io.mlmeta.server.support.Protos.execution;
import static io.mlmeta.server.support.Protos.newArtifact;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.ListExecutionsRequest;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionsRequest;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A batch over the limit (issue 11: a 10,000-execution batch used to cost seconds and hundreds of
 * megabytes before it was refused) is refused by its item count, before its items are converted or
 * checked, while health checks keep answering.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class BatchLimitTest {

  private static final int OVERSIZED = 10_000;

  @Test
  void aBatchOverTheLimitIsRefusedByItsCountAndWritesNothing() throws Exception {
    String ws = Names.unique("batch-limit");
    Grpc.stub().createWorkspace(CreateWorkspaceRequest.newBuilder().setName(ws).build());
    RecordExecutionsRequest.Builder batch = RecordExecutionsRequest.newBuilder();
    for (int i = 0; i < OVERSIZED; i++) {
      batch.addExecutions(
          RecordExecutionRequest.newBuilder()
              .setWorkspace(ws)
              .setExecution(execution("Train", "oversized-" + i))
              .addOutputs(newArtifact("Dataset", dataset("oversized-" + i))));
    }
    // Serialised up front, so the time printed below is the server's, not the client's encoding.
    byte[] request = batch.build().toByteArray();
    MethodDescriptor<byte[], byte[]> recordExecutions =
        Grpc.raw("mlmeta.v1.MetadataService/RecordExecutions", MethodDescriptor.MethodType.UNARY);

    AtomicBoolean calling = new AtomicBoolean(true);
    CompletableFuture<List<Integer>> healthDuringTheCall =
        CompletableFuture.supplyAsync(() -> pollLiveness(calling));
    long started = System.nanoTime();
    try {
      assertThat(
              Grpc.failure(
                  Status.Code.INVALID_ARGUMENT,
                  () ->
                      ClientCalls.blockingUnaryCall(
                          Grpc.channel(),
                          recordExecutions,
                          CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS),
                          request)))
          .contains("executions")
          .contains("holds " + OVERSIZED + " items; the limit is 500");
    } finally {
      calling.set(false);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "a %,d-execution batch (%,d bytes) was refused in %d ms%n",
        OVERSIZED, request.length, millis);

    assertThat(healthDuringTheCall.get()).isNotEmpty().containsOnly(200);
    assertThat(
            Grpc.stub()
                .listExecutions(ListExecutionsRequest.newBuilder().setWorkspace(ws).build())
                .getExecutionsList())
        .isEmpty();
  }

  /** Liveness answers collected until the call under test has returned (at least one). */
  private static List<Integer> pollLiveness(AtomicBoolean calling) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest live =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/q/health/live"))
            .timeout(Duration.ofSeconds(5))
            .build();
    List<Integer> statuses = new ArrayList<>();
    do {
      try {
        statuses.add(http.send(live, HttpResponse.BodyHandlers.discarding()).statusCode());
      } catch (Exception e) {
        statuses.add(-1);
      }
    } while (calling.get());
    return statuses;
  }
}
