package io.mlmeta.server.api.grpc;

import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.IngestSummary;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.server.api.grpc.mapper.ProtoMapper;
import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.RecordExecution;
import io.mlmeta.server.domain.RecordedExecution;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.service.RecordExecutionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jspecify.annotations.Nullable;

/**
 * The client-streaming ingest call. Requests are buffered and written in batches (one transaction
 * per batch) on a worker thread, in arrival order; the summary is sent when the client closes the
 * stream. On a failure the stream ends with the error naming the item's position in the stream;
 * batches written before it stay written, and a retry with the same external ids is safe.
 */
@ApplicationScoped
class IngestStreams {

  @Inject RecordExecutionService records;
  @Inject MlmetaConfig config;
  @Inject ManagedExecutor executor;

  /**
   * A stream for {@code caller}, resolved by the call's handler: batches are written on worker
   * threads outside the call's request context.
   */
  StreamObserver<RecordExecutionRequest> open(
      Principal caller, StreamObserver<IngestSummary> response) {
    return new Ingest(caller, response);
  }

  private final class Ingest implements StreamObserver<RecordExecutionRequest> {

    private final Principal caller;
    private final StreamObserver<IngestSummary> response;
    private List<RecordExecution> buffer = new ArrayList<>();
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);
    private int received;
    private volatile @Nullable Throwable failure;
    private long executionsRecorded;
    private long artifactsWritten;
    private long eventsWritten;

    Ingest(Principal caller, StreamObserver<IngestSummary> response) {
      this.caller = caller;
      this.response = response;
    }

    @Override
    public synchronized void onNext(RecordExecutionRequest request) {
      if (failure != null) {
        return;
      }
      buffer.add(ProtoMapper.toDomain(request));
      if (buffer.size() >= config.limits().maxBatchSize()) {
        flush();
      }
    }

    @Override
    public synchronized void onError(Throwable clientError) {
      failure = clientError;
    }

    @Override
    public synchronized void onCompleted() {
      flush();
      writes.whenComplete((ignored, error) -> finish());
    }

    private void flush() {
      if (buffer.isEmpty()) {
        return;
      }
      List<RecordExecution> batch = buffer;
      int firstIndex = received;
      received += batch.size();
      buffer = new ArrayList<>();
      writes = writes.thenRunAsync(() -> write(batch, firstIndex), executor);
    }

    private void write(List<RecordExecution> batch, int firstIndex) {
      if (failure != null) {
        return;
      }
      try {
        List<RecordedExecution> results = records.recordAll(caller, batch, firstIndex);
        synchronized (this) {
          executionsRecorded += results.size();
          for (RecordedExecution result : results) {
            artifactsWritten += result.artifactsCreated();
            eventsWritten += result.eventsWritten();
          }
        }
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    private synchronized void finish() {
      if (failure != null) {
        response.onError(GrpcCalls.toStatus(failure));
        return;
      }
      response.onNext(
          IngestSummary.newBuilder()
              .setExecutionsRecorded(executionsRecorded)
              .setArtifactsWritten(artifactsWritten)
              .setEventsWritten(eventsWritten)
              .build());
      response.onCompleted();
    }
  }
}
