package io.mlmeta.sdk;

import com.google.protobuf.Timestamp;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.Artifact;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.Context;
import io.mlmeta.proto.v1.CreateContextRequest;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.Execution;
import io.mlmeta.proto.v1.ExecutionState;
import io.mlmeta.proto.v1.ListArtifactsRequest;
import io.mlmeta.proto.v1.ListArtifactsResponse;
import io.mlmeta.proto.v1.MetadataServiceGrpc.MetadataServiceImplBase;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.RecordExecutionsRequest;
import io.mlmeta.proto.v1.RecordExecutionsResponse;
import io.mlmeta.proto.v1.UpdateExecutionRequest;
import io.mlmeta.proto.v1.Workspace;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small in-memory stand-in for the server, for testing pure client logic (retries, idempotency
 * keys, error mapping, batching). Failures and delays can be queued per method; every request and
 * its headers are recorded.
 */
class FakeMetadataService extends MetadataServiceImplBase {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Deque<Status>> failures = new ConcurrentHashMap<>();
  private final Map<String, Long> delaysMillis = new ConcurrentHashMap<>();
  private final Map<String, Execution> executionsByKey = new ConcurrentHashMap<>();
  private final Map<String, Artifact> artifactsByKey = new ConcurrentHashMap<>();
  final List<Object> requests = new CopyOnWriteArrayList<>();
  final List<Metadata> headers = new CopyOnWriteArrayList<>();

  /** Fails the next calls of a method (bare name, e.g. RecordExecution) with these statuses. */
  void failNext(String method, Status... statuses) {
    failures.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
  }

  /** Delays the next call of a method. */
  void delayNext(String method, long millis) {
    delaysMillis.put(method, millis);
  }

  /** The requests of one message class, in arrival order. */
  <T> List<T> requests(Class<T> kind) {
    return requests.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  int executionCount() {
    return executionsByKey.size();
  }

  int artifactCount() {
    return artifactsByKey.size();
  }

  /** Records headers; install with {@code ServerInterceptors.intercept}. */
  ServerInterceptor headerRecorder() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
        headers.add(metadata);
        return next.startCall(call, metadata);
      }
    };
  }

  private boolean failed(String method, Object request, StreamObserver<?> response) {
    requests.add(request);
    Long delay = delaysMillis.remove(method);
    if (delay != null) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Deque<Status> queue = failures.get(method);
    Status status = queue == null ? null : queue.poll();
    if (status != null) {
      response.onError(status.asRuntimeException());
      return true;
    }
    return false;
  }

  private static Timestamp now() {
    long millis = System.currentTimeMillis();
    return Timestamp.newBuilder()
        .setSeconds(millis / 1000)
        .setNanos((int) (millis % 1000) * 1_000_000)
        .build();
  }

  @Override
  public void createWorkspace(CreateWorkspaceRequest request, StreamObserver<Workspace> response) {
    if (failed("CreateWorkspace", request, response)) {
      return;
    }
    response.onNext(
        Workspace.newBuilder()
            .setId(ids.incrementAndGet())
            .setName(request.getName())
            .setDescription(request.getDescription())
            .putAllLabels(request.getLabelsMap())
            .setCreateTime(now())
            .build());
    response.onCompleted();
  }

  @Override
  public void createContext(CreateContextRequest request, StreamObserver<Context> response) {
    if (failed("CreateContext", request, response)) {
      return;
    }
    response.onNext(
        Context.newBuilder()
            .setId(ids.incrementAndGet())
            .setWorkspace(request.getWorkspace())
            .setType(request.getContext().getType())
            .setName(request.getContext().getName())
            .setCreateTime(now())
            .build());
    response.onCompleted();
  }

  @Override
  public void recordExecution(
      RecordExecutionRequest request, StreamObserver<RecordExecutionResponse> response) {
    if (failed("RecordExecution", request, response)) {
      return;
    }
    response.onNext(record(request));
    response.onCompleted();
  }

  @Override
  public void recordExecutions(
      RecordExecutionsRequest request, StreamObserver<RecordExecutionsResponse> response) {
    if (failed("RecordExecutions", request, response)) {
      return;
    }
    RecordExecutionsResponse.Builder results = RecordExecutionsResponse.newBuilder();
    request.getExecutionsList().forEach(r -> results.addResults(record(r)));
    response.onNext(results.build());
    response.onCompleted();
  }

  @Override
  public void updateExecution(UpdateExecutionRequest request, StreamObserver<Execution> response) {
    if (failed("UpdateExecution", request, response)) {
      return;
    }
    response.onNext(
        Execution.newBuilder().setId(request.getId()).setState(request.getState()).build());
    response.onCompleted();
  }

  @Override
  public void listArtifacts(
      ListArtifactsRequest request, StreamObserver<ListArtifactsResponse> response) {
    if (failed("ListArtifacts", request, response)) {
      return;
    }
    List<Artifact> all =
        artifactsByKey.values().stream()
            .filter(a -> a.getType().equals(request.getFilter().getType()))
            .sorted((a, b) -> Long.compare(a.getId(), b.getId()))
            .toList();
    int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
    int size = request.getPageSize() == 0 ? 100 : request.getPageSize();
    int to = Math.min(all.size(), from + size);
    response.onNext(
        ListArtifactsResponse.newBuilder()
            .addAllArtifacts(all.subList(from, to))
            .setNextPageToken(to < all.size() ? Integer.toString(to) : "")
            .build());
    response.onCompleted();
  }

  private synchronized RecordExecutionResponse record(RecordExecutionRequest request) {
    Execution execution;
    if (request.hasExecution()) {
      execution =
          executionsByKey.computeIfAbsent(
              request.getExecution().getExternalId(),
              key ->
                  Execution.newBuilder()
                      .setId(ids.incrementAndGet())
                      .setWorkspace(request.getWorkspace())
                      .setType(request.getExecution().getType())
                      .setExternalId(key)
                      .setName(request.getExecution().getName())
                      .setState(
                          request.getExecution().getState()
                                  == ExecutionState.EXECUTION_STATE_UNSPECIFIED
                              ? ExecutionState.NEW
                              : request.getExecution().getState())
                      .setCreateTime(now())
                      .build());
    } else {
      execution = Execution.newBuilder().setId(request.getExecutionId()).build();
    }
    return RecordExecutionResponse.newBuilder()
        .setExecution(execution)
        .addAllInputs(artifacts(request.getWorkspace(), request.getInputsList()))
        .addAllOutputs(artifacts(request.getWorkspace(), request.getOutputsList()))
        .build();
  }

  private List<Artifact> artifacts(String workspace, List<ArtifactLink> links) {
    List<Artifact> result = new ArrayList<>();
    for (ArtifactLink link : links) {
      if (link.hasNewArtifact()) {
        var spec = link.getNewArtifact();
        result.add(
            artifactsByKey.computeIfAbsent(
                spec.getExternalId(),
                key ->
                    Artifact.newBuilder()
                        .setId(ids.incrementAndGet())
                        .setWorkspace(workspace)
                        .setType(spec.getType())
                        .setExternalId(key)
                        .setProperties(spec.getProperties())
                        .setState(io.mlmeta.proto.v1.ArtifactState.LIVE)
                        .setCreateTime(now())
                        .build()));
      } else {
        result.add(
            artifactsByKey.values().stream()
                .filter(a -> a.getId() == link.getArtifactId())
                .findFirst()
                .orElseThrow());
      }
    }
    return result;
  }
}
