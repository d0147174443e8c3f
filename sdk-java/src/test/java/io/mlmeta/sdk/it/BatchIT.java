package io.mlmeta.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlmeta.sdk.BatchOptions;
import io.mlmeta.sdk.ExecutionBatch;
import io.mlmeta.sdk.ExecutionRecord;
import io.mlmeta.sdk.RecordedExecution;
import io.mlmeta.sdk.Run;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.error.InvalidArgumentException;
import io.mlmeta.sdk.model.ArtifactQuery;
import io.mlmeta.sdk.model.DataSet;
import io.mlmeta.sdk.model.ExecutionState;
import io.mlmeta.sdk.model.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** High-volume logging through the batch writer. */
class BatchIT {

  private Store store;
  private Workspace ws;
  private Run run;

  @BeforeEach
  void connect() {
    store = Store.builder().target(ServerTarget.require()).build();
    ws = Workspace.create(store, ServerTarget.unique("batch"));
    run = Run.create(ws, "run-1", null);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void flushesOnSizeAndOnClose() throws Exception {
    DataSet data = DataSet.builder().uri("gs://b/data").name("data").version("v1").build();
    List<CompletableFuture<RecordedExecution>> futures = new ArrayList<>();
    try (ExecutionBatch batch = store.batch(ws, new BatchOptions(50, Duration.ofMinutes(5)))) {
      for (int i = 0; i < 120; i++) {
        futures.add(
            batch.record(
                ExecutionRecord.builder("step-" + i)
                    .type("Evaluate")
                    .run(run)
                    .properties(Map.of("step", i))
                    .input(data)
                    .output(
                        Metrics.builder()
                            .uri("gs://b/metrics/" + i)
                            .name("m-" + i)
                            .values(Map.of("loss", 1.0 / (i + 1)))
                            .build())
                    .build()));
      }
      assertThat(futures.subList(0, 100)).allMatch(CompletableFuture::isDone);
      assertThat(batch.pending()).isEqualTo(20);
    }
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());

    RecordedExecution last = futures.get(119).get();
    assertThat(last.execution().type()).isEqualTo("Evaluate");
    assertThat(last.execution().state()).isEqualTo(ExecutionState.COMPLETE);
    assertThat(last.execution().run()).isSameAs(run);
    assertThat(last.outputs()).singleElement().isInstanceOf(Metrics.class);
    assertThat(ws.list(Metrics.class)).hasSize(120);
    assertThat(ws.list(DataSet.class)).hasSize(1);
    assertThat(
            ws.list(
                Metrics.class,
                ArtifactQuery.builder().contextId(run.id()).pageSize(1000).build(),
                1000))
        .hasSize(120);
  }

  @Test
  void flushesOnTime() throws Exception {
    try (ExecutionBatch batch = store.batch(ws, new BatchOptions(500, Duration.ofMillis(200)))) {
      CompletableFuture<RecordedExecution> result =
          batch.record(
              ExecutionRecord.builder("timed")
                  .output(Metrics.builder().uri("gs://t").name("t").build())
                  .build());
      RecordedExecution recorded = result.get(30, TimeUnit.SECONDS);
      assertThat(recorded.execution().id()).isPositive();
      assertThat(batch.pending()).isZero();
    }
  }

  @Test
  void failedBatchIsAtomicAndReported() {
    ExecutionBatch batch = store.batch(ws, new BatchOptions(10, Duration.ofMinutes(5)));
    CompletableFuture<RecordedExecution> good =
        batch.record(
            ExecutionRecord.builder("good")
                .output(Metrics.builder().uri("gs://g").name("g").build())
                .build());
    CompletableFuture<RecordedExecution> bad =
        batch.record(
            ExecutionRecord.builder("bad")
                .output(Metrics.builder().name("no uri").build())
                .build());

    assertThatThrownBy(batch::close)
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> assertThat(e.field()).startsWith("executions[1].outputs[0]"));
    assertThatThrownBy(good::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InvalidArgumentException.class);
    assertThat(bad).isCompletedExceptionally();
    assertThat(ws.list(Metrics.class)).isEmpty();
  }
}
