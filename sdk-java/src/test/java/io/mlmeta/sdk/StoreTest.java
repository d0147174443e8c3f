package io.mlmeta.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.mlmeta.proto.v1.ListArtifactsRequest;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.sdk.error.AlreadyExistsException;
import io.mlmeta.sdk.error.ConflictException;
import io.mlmeta.sdk.error.DeadlineExceededException;
import io.mlmeta.sdk.error.ErrorCode;
import io.mlmeta.sdk.error.FailedPreconditionException;
import io.mlmeta.sdk.error.InvalidArgumentException;
import io.mlmeta.sdk.error.MetadataException;
import io.mlmeta.sdk.error.NotFoundException;
import io.mlmeta.sdk.error.PermissionDeniedException;
import io.mlmeta.sdk.error.UnauthenticatedException;
import io.mlmeta.sdk.error.UnavailableException;
import io.mlmeta.sdk.model.ArtifactQuery;
import io.mlmeta.sdk.model.DataSet;
import io.mlmeta.sdk.model.Metrics;
import io.mlmeta.sdk.model.Model;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Retries, idempotency keys, deadlines, headers and error mapping, against an in-process fake. */
class StoreTest {

  @RegisterExtension final InProcessServer server = new InProcessServer();

  @Test
  void retriedWritesResendTheSameIdempotencyKeys() {
    try (Store store = server.store()) {
      Workspace ws = Workspace.create(store, "ws");
      Execution exec = Execution.create("train", ws, null, null);
      server.service.failNext(
          "RecordExecution", Status.UNAVAILABLE, Status.ABORTED, Status.UNAVAILABLE);

      Metrics metrics = exec.logOutput(Metrics.builder().uri("u").name("n").build());

      List<RecordExecutionRequest> attempts = server.service.requests(RecordExecutionRequest.class);
      assertThat(attempts).hasSize(5);
      List<RecordExecutionRequest> logAttempts = attempts.subList(1, 5);
      assertThat(logAttempts).allMatch(r -> r.equals(logAttempts.get(0)));
      String key = logAttempts.get(0).getOutputs(0).getNewArtifact().getExternalId();
      assertThat(key).startsWith("sdk-");
      assertThat(metrics.externalId()).isEqualTo(key);
      assertThat(server.service.artifactCount()).isEqualTo(1);
    }
  }

  @Test
  void eachLoggingCallGetsItsOwnKeyUnlessOneIsGiven() {
    try (Store store = server.store()) {
      Execution exec = Execution.create("train", Workspace.create(store, "ws"), null, null);
      Metrics metrics = Metrics.builder().uri("u").name("n").build();

      long first = exec.logOutput(metrics).id();
      long second = exec.logOutput(metrics).id();
      long keyed1 = exec.logOutput(metrics.toBuilder().externalId("mine").build()).id();
      long keyed2 = exec.logOutput(metrics.toBuilder().externalId("mine").build()).id();

      assertThat(second).isNotEqualTo(first);
      assertThat(keyed2).isEqualTo(keyed1);
    }
  }

  @Test
  void dataSetsAndModelsAskForDeduplicationAndMetricsDoNot() {
    try (Store store = server.store()) {
      Execution exec = Execution.create("train", Workspace.create(store, "ws"), null, null);
      DataSet data = exec.logInput(DataSet.builder().uri("d").name("d").build());
      exec.logOutput(Model.builder().uri("m").name("m").build());
      exec.logOutput(Metrics.builder().uri("x").name("x").build());
      exec.logInput(data);

      List<RecordExecutionRequest> requests = server.service.requests(RecordExecutionRequest.class);
      assertThat(requests.get(1).getInputs(0).getReuseIfExists()).isTrue();
      assertThat(requests.get(2).getOutputs(0).getReuseIfExists()).isTrue();
      assertThat(requests.get(3).getOutputs(0).getReuseIfExists()).isFalse();
      assertThat(requests.get(4).getInputs(0).getArtifactId()).isEqualTo(data.id());
    }
  }

  @Test
  void executionIsCreatedRunningInItsRun() {
    try (Store store = server.store()) {
      Workspace ws = Workspace.create(store, "ws");
      Run run = Run.create(ws, "run-1", "first run");
      Execution exec = Execution.create("train", ws, run, "d", "Train");

      RecordExecutionRequest request = server.service.requests(RecordExecutionRequest.class).get(0);
      assertThat(request.getExecution().getState())
          .isEqualTo(io.mlmeta.proto.v1.ExecutionState.RUNNING);
      assertThat(request.getExecution().getType()).isEqualTo("Train");
      assertThat(request.getContexts(0).getContextId()).isEqualTo(run.id());
      assertThat(exec.run()).isSameAs(run);
      assertThat(exec.externalId()).isEqualTo(request.getExecution().getExternalId());
    }
  }

  @Test
  void exhaustedRetriesReportTheLastError() {
    try (Store store = server.store()) {
      server.service.failNext(
          "CreateWorkspace",
          Status.UNAVAILABLE,
          Status.UNAVAILABLE,
          Status.UNAVAILABLE,
          Status.UNAVAILABLE.withDescription("still down"));

      assertThatThrownBy(() -> Workspace.create(store, "ws"))
          .isInstanceOf(UnavailableException.class)
          .hasMessage("still down");
      assertThat(server.service.requests.size()).isEqualTo(4);
    }
  }

  @Test
  void nonRetryableErrorsAreReportedAtOnce() {
    try (Store store = server.store()) {
      server.service.failNext(
          "CreateWorkspace", Status.INVALID_ARGUMENT.withDescription("name: must not be blank"));

      assertThatThrownBy(() -> Workspace.create(store, " "))
          .isInstanceOfSatisfying(
              InvalidArgumentException.class, e -> assertThat(e.field()).isEqualTo("name"));
      assertThat(server.service.requests.size()).isEqualTo(1);
    }
  }

  @Test
  void attemptsPastTheirDeadlineAreRetried() {
    try (Store store = server.storeBuilder().deadline(Duration.ofMillis(200)).build()) {
      server.service.delayNext("CreateWorkspace", 1000);

      Workspace ws = Workspace.create(store, "ws");

      assertThat(ws.name()).isEqualTo("ws");
      assertThat(server.service.requests.size()).isEqualTo(2);
    }
  }

  @Test
  void deadlineWithoutRetriesIsReported() {
    try (Store store = server.storeBuilder().deadline(Duration.ofMillis(100)).retries(0).build()) {
      server.service.delayNext("CreateWorkspace", 1000);

      assertThatThrownBy(() -> Workspace.create(store, "ws"))
          .isInstanceOf(DeadlineExceededException.class);
    }
  }

  @Test
  void tokenIsSentAsBearerHeader() {
    try (Store store = server.storeBuilder().token("s3cret").build()) {
      Workspace.create(store, "ws");
    }
    try (Store store = server.store()) {
      Workspace.create(store, "ws");
    }
    assertThat(server.service.headers.get(0).get(FakeMetadataService.AUTHORIZATION))
        .isEqualTo("Bearer s3cret");
    assertThat(server.service.headers.get(1).get(FakeMetadataService.AUTHORIZATION)).isNull();
  }

  @Test
  void listFollowsPageTokens() {
    try (Store store = server.store()) {
      Workspace ws = Workspace.create(store, "ws");
      Execution exec = Execution.create("train", ws, null, null);
      for (int i = 0; i < 5; i++) {
        exec.logOutput(Model.builder().uri("m" + i).name("m").build());
      }
      exec.logOutput(Metrics.builder().uri("x").name("x").build());

      List<Model> all = ws.list(Model.class, ArtifactQuery.builder().pageSize(2).build(), 100);
      List<Model> limited = ws.list(Model.class, ArtifactQuery.builder().pageSize(2).build(), 3);

      assertThat(all).extracting(Model::uri).containsExactly("m0", "m1", "m2", "m3", "m4");
      assertThat(limited).extracting(Model::uri).containsExactly("m0", "m1", "m2");
      assertThat(server.service.requests(ListArtifactsRequest.class))
          .extracting(ListArtifactsRequest::getPageToken)
          .containsExactly("", "2", "4", "", "2");
      assertThat(ws.list(Model.class)).hasSize(5);
    }
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refusalsAreNotRetried(Status status, Class<? extends MetadataException> type) {
    try (Store store = server.store()) {
      server.service.failNext("CreateWorkspace", status.withDescription("no"));

      assertThatThrownBy(() -> Workspace.create(store, "ws"))
          .isExactlyInstanceOf(type)
          .satisfies(e -> assertThat(((MetadataException) e).isRetryable()).isFalse());
      assertThat(server.service.requests.size()).isEqualTo(1);
    }
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(Status.UNAUTHENTICATED, UnauthenticatedException.class),
        Arguments.of(Status.PERMISSION_DENIED, PermissionDeniedException.class));
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(Status.NOT_FOUND, NotFoundException.class, ErrorCode.NOT_FOUND),
        Arguments.of(Status.ALREADY_EXISTS, AlreadyExistsException.class, ErrorCode.ALREADY_EXISTS),
        Arguments.of(
            Status.INVALID_ARGUMENT, InvalidArgumentException.class, ErrorCode.INVALID_ARGUMENT),
        Arguments.of(
            Status.FAILED_PRECONDITION,
            FailedPreconditionException.class,
            ErrorCode.FAILED_PRECONDITION),
        Arguments.of(Status.ABORTED, ConflictException.class, ErrorCode.ABORTED),
        Arguments.of(Status.UNAVAILABLE, UnavailableException.class, ErrorCode.UNAVAILABLE),
        Arguments.of(
            Status.PERMISSION_DENIED, PermissionDeniedException.class, ErrorCode.PERMISSION_DENIED),
        Arguments.of(
            Status.UNAUTHENTICATED, UnauthenticatedException.class, ErrorCode.UNAUTHENTICATED),
        Arguments.of(Status.INTERNAL, MetadataException.class, ErrorCode.INTERNAL));
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void statusCodesMapToExceptions(
      Status status, Class<? extends MetadataException> type, ErrorCode code) {
    try (Store store = server.storeBuilder().retries(0).build()) {
      server.service.failNext("CreateWorkspace", status.withDescription("what went wrong"));

      assertThatThrownBy(() -> Workspace.create(store, "ws"))
          .isExactlyInstanceOf(type)
          .hasMessage("what went wrong")
          .satisfies(e -> assertThat(((MetadataException) e).code()).isEqualTo(code));
    }
  }
}
