package io.mlmeta.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlmeta.sdk.Execution;
import io.mlmeta.sdk.RetryPolicy;
import io.mlmeta.sdk.Run;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.error.AlreadyExistsException;
import io.mlmeta.sdk.error.DeadlineExceededException;
import io.mlmeta.sdk.error.ErrorCode;
import io.mlmeta.sdk.error.FailedPreconditionException;
import io.mlmeta.sdk.error.InvalidArgumentException;
import io.mlmeta.sdk.error.NotFoundException;
import io.mlmeta.sdk.error.UnavailableException;
import io.mlmeta.sdk.model.ExecutionState;
import io.mlmeta.sdk.model.Metrics;
import io.mlmeta.sdk.model.Model;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's status codes arrive as the SDK's exceptions. */
class ErrorMappingIT {

  private Store store;
  private Workspace ws;
  private Run run;

  @BeforeEach
  void connect() {
    store = Store.builder().target(ServerTarget.require()).build();
    ws = Workspace.create(store, ServerTarget.unique("errors"));
    run = Run.create(ws, "run-1", null);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void missingWorkspaceIsNotFound() {
    assertThatThrownBy(() -> Workspace.get(store, ServerTarget.unique("missing")))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((NotFoundException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void unknownExecutionTypeIsNotFound() {
    assertThatThrownBy(() -> Execution.create("x", ws, run, null, "NoSuchType"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("NoSuchType");
  }

  @Test
  void invalidArtifactNamesTheField() {
    Execution exec = Execution.create("train", ws, run, null);

    assertThatThrownBy(() -> exec.logOutput(Model.builder().name("no uri").build()))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.field()).startsWith("outputs[0].new_artifact.properties");
              assertThat(e.getMessage()).contains("uri");
            });
  }

  @Test
  void externalIdOfAnotherTypeAlreadyExists() {
    Execution exec = Execution.create("train", ws, run, null);
    exec.logOutput(Model.builder().uri("gs://m").name("m").externalId("key-1").build());

    assertThatThrownBy(
            () ->
                exec.logOutput(
                    Metrics.builder().uri("gs://x").name("x").externalId("key-1").build()))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("key-1");
  }

  @Test
  void illegalStateChangeIsFailedPrecondition() {
    Execution exec = Execution.create("train", ws, run, null);
    assertThat(exec.state()).isEqualTo(ExecutionState.RUNNING);
    Execution done = exec.complete();
    assertThat(done.state()).isEqualTo(ExecutionState.COMPLETE);
    assertThat(done.complete().state()).isEqualTo(ExecutionState.COMPLETE);

    assertThatThrownBy(() -> done.fail("too late"))
        .isInstanceOf(FailedPreconditionException.class)
        .extracting(e -> ((FailedPreconditionException) e).code())
        .isEqualTo(ErrorCode.FAILED_PRECONDITION);
  }

  @Test
  void unreachableServerIsUnavailableAfterRetries() {
    try (Store nowhere =
        Store.builder()
            .target("localhost", 1)
            .retries(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(10), 2))
            .build()) {
      assertThatThrownBy(() -> Workspace.create(nowhere, "x"))
          .isInstanceOf(UnavailableException.class)
          .extracting(e -> ((UnavailableException) e).isRetryable())
          .isEqualTo(true);
    }
  }

  @Test
  void tooShortDeadlineIsDeadlineExceeded() {
    try (Store hurried =
        Store.builder()
            .target(ServerTarget.require())
            .deadline(Duration.ofNanos(1))
            .retries(RetryPolicy.none())
            .build()) {
      assertThatThrownBy(() -> Workspace.get(hurried, ws.name()))
          .isInstanceOf(DeadlineExceededException.class);
    }
  }
}
