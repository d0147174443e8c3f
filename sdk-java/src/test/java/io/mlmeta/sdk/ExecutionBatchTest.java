package io.mlmeta.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.mlmeta.proto.v1.RecordExecutionsRequest;
import io.mlmeta.sdk.error.InvalidArgumentException;
import io.mlmeta.sdk.model.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When the batch writer flushes, what it sends, and how it reports failures. */
class ExecutionBatchTest {

  @RegisterExtension final InProcessServer server = new InProcessServer();

  private static ExecutionRecord record(int i) {
    return ExecutionRecord.builder("step-" + i)
        .output(Metrics.builder().uri("u" + i).name("m").build())
        .build();
  }

  @Test
  void writesFullBatchesAtOnceAndTheRestOnClose() {
    List<CompletableFuture<RecordedExecution>> results = new ArrayList<>();
    try (Store store = server.store();
        ExecutionBatch batch =
            store.batch(Workspace.create(store, "ws"), new BatchOptions(3, Duration.ofHours(1)))) {
      for (int i = 0; i < 7; i++) {
        results.add(batch.record(record(i)));
      }
      assertThat(server.service.requests(RecordExecutionsRequest.class))
          .extracting(RecordExecutionsRequest::getExecutionsCount)
          .containsExactly(3, 3);
      assertThat(batch.pending()).isEqualTo(1);
      batch.close();
      assertThat(server.service.requests(RecordExecutionsRequest.class))
          .extracting(RecordExecutionsRequest::getExecutionsCount)
          .containsExactly(3, 3, 1);
    }
    assertThat(results).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(results.get(6).join().execution().name()).isEqualTo("step-6");
    assertThat(results.get(6).join().outputs().get(0)).isInstanceOf(Metrics.class);
  }

  @Test
  void writesOnTimeInTheBackground() throws Exception {
    try (Store store = server.store();
        ExecutionBatch batch =
            store.batch(
                Workspace.create(store, "ws"), new BatchOptions(100, Duration.ofMillis(50)))) {
      RecordedExecution recorded = batch.record(record(1)).get(10, TimeUnit.SECONDS);
      assertThat(recorded.execution().id()).isPositive();
    }
  }

  @Test
  void retriedBatchKeepsItsKeysAndStoresOnce() {
    try (Store store = server.store();
        ExecutionBatch batch = store.batch(Workspace.create(store, "ws"))) {
      batch.record(record(1));
      batch.record(record(2));
      server.service.failNext("RecordExecutions", Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED);
      batch.flush();

      List<RecordExecutionsRequest> attempts =
          server.service.requests(RecordExecutionsRequest.class);
      assertThat(attempts).hasSize(3).allMatch(a -> a.equals(attempts.get(0)));
      assertThat(server.service.executionCount()).isEqualTo(2);
    }
  }

  @Test
  void failuresReachTheFuturesAndClose() {
    try (Store store = server.store()) {
      ExecutionBatch batch =
          store.batch(Workspace.create(store, "ws"), new BatchOptions(2, Duration.ofHours(1)));
      server.service.failNext(
          "RecordExecutions",
          Status.INVALID_ARGUMENT.withDescription("executions[1].outputs[0]: bad"));
      CompletableFuture<RecordedExecution> first = batch.record(record(1));
      CompletableFuture<RecordedExecution> second = batch.record(record(2));
      CompletableFuture<RecordedExecution> third = batch.record(record(3));

      assertThatThrownBy(first::get)
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(InvalidArgumentException.class);
      assertThat(second).isCompletedExceptionally();
      assertThatThrownBy(batch::close)
          .isInstanceOfSatisfying(
              InvalidArgumentException.class,
              e -> assertThat(e.field()).isEqualTo("executions[1].outputs[0]"));
      assertThat(third.join().execution().name()).isEqualTo("step-3");
      assertThatThrownBy(() -> batch.record(record(4))).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void optionsAreChecked() {
    assertThatThrownBy(() -> new BatchOptions(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchOptions(501, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchOptions.defaults().withFlushInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
