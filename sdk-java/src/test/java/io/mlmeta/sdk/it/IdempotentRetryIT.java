package io.mlmeta.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mlmeta.proto.v1.ExecutionFilter;
import io.mlmeta.proto.v1.ListExecutionsRequest;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.sdk.BatchOptions;
import io.mlmeta.sdk.Execution;
import io.mlmeta.sdk.ExecutionBatch;
import io.mlmeta.sdk.ExecutionRecord;
import io.mlmeta.sdk.RecordedExecution;
import io.mlmeta.sdk.RetryPolicy;
import io.mlmeta.sdk.Run;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.model.Metrics;
import io.mlmeta.sdk.model.Model;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A write whose response is lost is retried with the same idempotency key and stored once. */
class IdempotentRetryIT {

  private final LoseResponses network = new LoseResponses();
  private Store store;
  private Workspace ws;
  private Run run;

  @BeforeEach
  void connect() {
    store =
        Store.builder()
            .target(ServerTarget.require())
            .retries(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), 2))
            .intercept(network)
            .build();
    ws = Workspace.create(store, ServerTarget.unique("retry"));
    run = Run.create(ws, "run-1", null);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void lostExecutionCreateIsStoredOnce() throws Exception {
    network.loseNext("RecordExecution", 2);
    Execution exec = Execution.create("train", ws, run, null, "Train");

    assertThat(network.calls("RecordExecution")).isEqualTo(3);
    assertThat(executionCount()).isEqualTo(1);
    assertThat(exec.type()).isEqualTo("Train");
  }

  @Test
  void lostMetricsWriteIsStoredOnceAlthoughMetricsAreNotDeduplicated() {
    Execution exec = Execution.create("eval", ws, run, null);
    Metrics metrics = Metrics.builder().uri("gs://m/1").name("eval").build();

    network.loseNext("RecordExecution", 1);
    Metrics stored = exec.logOutput(metrics);

    assertThat(network.calls("RecordExecution")).isEqualTo(3);
    assertThat(ws.list(Metrics.class)).extracting(Metrics::id).containsExactly(stored.id());

    Metrics second = exec.logOutput(metrics);
    assertThat(second.id()).isNotEqualTo(stored.id());
    assertThat(ws.list(Metrics.class)).hasSize(2);
  }

  @Test
  void lostBatchIsStoredOnce() throws Exception {
    List<RecordedExecution> results;
    try (ExecutionBatch batch = store.batch(ws, BatchOptions.defaults().withMaxSize(10))) {
      network.loseNext("RecordExecutions", 1);
      var futures =
          List.of(
              batch.record(
                  ExecutionRecord.builder("a")
                      .run(run)
                      .output(Metrics.builder().uri("gs://m/a").name("a").build())
                      .build()),
              batch.record(
                  ExecutionRecord.builder("b")
                      .run(run)
                      .output(Model.builder().uri("gs://m/b").name("b").build())
                      .build()));
      batch.flush();
      results = List.of(futures.get(0).get(), futures.get(1).get());
    }
    assertThat(network.calls("RecordExecutions")).isEqualTo(2);
    assertThat(executionCount()).isEqualTo(2);
    assertThat(ws.list(Metrics.class))
        .extracting(Metrics::id)
        .containsExactly(results.get(0).outputs().get(0).id());
    assertThat(ws.list(Model.class)).hasSize(1);
  }

  private int executionCount() throws InterruptedException {
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(ServerTarget.require()).usePlaintext().build();
    try {
      return MetadataServiceGrpc.newBlockingStub(channel)
          .listExecutions(
              ListExecutionsRequest.newBuilder()
                  .setWorkspace(ws.name())
                  .setFilter(ExecutionFilter.getDefaultInstance())
                  .setPageSize(1000)
                  .build())
          .getExecutionsCount();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
