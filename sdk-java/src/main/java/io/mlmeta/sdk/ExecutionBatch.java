package io.mlmeta.sdk;

import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.RecordExecutionsRequest;
import io.mlmeta.proto.v1.RecordExecutionsResponse;
import io.mlmeta.proto.v1.ResponseView;
import io.mlmeta.sdk.error.MetadataException;
import io.mlmeta.sdk.grpc.Protos;
import io.mlmeta.sdk.model.Artifact;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Buffers executions for high-volume logging and writes them with one {@code RecordExecutions} call
 * per batch (atomic: a batch is stored whole or not at all). A batch is written when {@link
 * BatchOptions#maxSize()} records are waiting (by the thread that adds the last one), when the
 * oldest has waited {@link BatchOptions#flushInterval()} (by a background thread), on {@link
 * #flush()} and on {@link #close()}.
 *
 * <p>Each record gets its idempotency keys when it is added, so retried batches never duplicate.
 * Thread-safe. Obtain one from {@link Store#batch(Workspace, BatchOptions)}:
 *
 * <pre>{@code
 * try (ExecutionBatch batch = store.batch(ws)) {
 *   for (...) {
 *     batch.record(ExecutionRecord.builder("step").run(run).input(data).output(model).build());
 *   }
 * } // writes what is left
 * }</pre>
 */
public final class ExecutionBatch implements AutoCloseable {

  private record Pending(
      ExecutionRecord record,
      RecordExecutionRequest request,
      CompletableFuture<RecordedExecution> result) {}

  private final Workspace workspace;
  private final BatchOptions options;
  private final ScheduledExecutorService timer;
  private final ReentrantLock flushing = new ReentrantLock();
  private final Object lock = new Object();
  private List<Pending> buffer = new ArrayList<>();
  private boolean closed;
  private @Nullable MetadataException unreported;

  ExecutionBatch(Workspace workspace, BatchOptions options) {
    this.workspace = workspace;
    this.options = options;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "mlmeta-batch-flush");
              thread.setDaemon(true);
              return thread;
            });
    long period = options.flushInterval().toNanos();
    timer.scheduleWithFixedDelay(this::flushQuietly, period, period, TimeUnit.NANOSECONDS);
  }

  /** The batch's options. */
  public BatchOptions options() {
    return options;
  }

  /**
   * Adds an execution to the buffer; writes the buffer when it is full.
   *
   * @return completes with what the server stored once the record's batch is written, or
   *     exceptionally with the {@link MetadataException} that failed the batch
   * @throws IllegalStateException if the batch is closed
   */
  public CompletableFuture<RecordedExecution> record(ExecutionRecord record) {
    Pending pending = new Pending(record, request(record), new CompletableFuture<>());
    boolean full;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the batch is closed");
      }
      buffer.add(pending);
      full = buffer.size() >= options.maxSize();
    }
    if (full) {
      flushQuietly();
    }
    return pending.result();
  }

  /** Records waiting to be written. */
  public int pending() {
    synchronized (lock) {
      return buffer.size();
    }
  }

  /**
   * Writes every waiting record now.
   *
   * @throws MetadataException the first error of this flush; the futures of the failed batch
   *     complete with it too
   */
  public void flush() {
    MetadataException error = flushAll();
    if (error != null) {
      throw error;
    }
  }

  /**
   * Stops the background writes and writes what is left.
   *
   * @throws MetadataException if this last write failed, or else if an earlier background write
   *     failed (so that an error is never lost when the futures are not inspected)
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    timer.shutdown();
    try {
      timer.awaitTermination(workspace.store().deadline().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
    synchronized (lock) {
      if (unreported != null) {
        MetadataException error = unreported;
        unreported = null;
        throw error;
      }
    }
  }

  private void flushQuietly() {
    MetadataException error = flushAll();
    if (error != null) {
      synchronized (lock) {
        if (unreported == null) {
          unreported = error;
        }
      }
    }
  }

  private @Nullable MetadataException flushAll() {
    flushing.lock();
    try {
      List<Pending> drained;
      synchronized (lock) {
        drained = buffer;
        buffer = new ArrayList<>();
      }
      MetadataException first = null;
      for (int from = 0; from < drained.size(); from += options.maxSize()) {
        List<Pending> chunk =
            drained.subList(from, Math.min(drained.size(), from + options.maxSize()));
        MetadataException error = write(chunk);
        if (first == null) {
          first = error;
        }
      }
      return first;
    } finally {
      flushing.unlock();
    }
  }

  private @Nullable MetadataException write(List<Pending> chunk) {
    // Compact: the server returns only the ids of the artifacts this client linked by id.
    RecordExecutionsRequest.Builder request =
        RecordExecutionsRequest.newBuilder().setView(ResponseView.RESPONSE_VIEW_COMPACT);
    chunk.forEach(p -> request.addExecutions(p.request()));
    RecordExecutionsRequest built = request.build();
    RecordExecutionsResponse response;
    try {
      response = workspace.store().transport().call(true, s -> s.recordExecutions(built));
    } catch (MetadataException e) {
      chunk.forEach(p -> p.result().completeExceptionally(e));
      return e;
    } catch (RuntimeException e) {
      chunk.forEach(p -> p.result().completeExceptionally(e));
      throw e;
    }
    for (int i = 0; i < chunk.size(); i++) {
      Pending p = chunk.get(i);
      p.result().complete(recorded(p.record(), response.getResults(i)));
    }
    return null;
  }

  private RecordedExecution recorded(ExecutionRecord record, RecordExecutionResponse result) {
    return new RecordedExecution(
        new Execution(workspace, record.run(), result.getExecution()),
        stored(record.inputs(), result.getInputsList()),
        stored(record.outputs(), result.getOutputsList()));
  }

  private static List<Artifact> stored(
      List<? extends Artifact> sent, List<io.mlmeta.proto.v1.Artifact> returned) {
    List<Artifact> artifacts = new ArrayList<>(returned.size());
    for (int i = 0; i < returned.size(); i++) {
      artifacts.add(Links.stored(sent.get(i), returned.get(i)));
    }
    return artifacts;
  }

  private RecordExecutionRequest request(ExecutionRecord record) {
    ExecutionSpec.Builder spec =
        ExecutionSpec.newBuilder()
            .setType(record.type())
            .setExternalId(
                record.externalId() != null ? record.externalId() : Links.newExternalId())
            .setName(record.name())
            .putAllLabels(record.labels())
            .setState(Protos.executionState(record.state()));
    if (record.description() != null) {
      spec.setDescription(record.description());
    }
    if (!record.properties().isEmpty()) {
      spec.setProperties(Protos.struct(record.properties()));
    }
    RecordExecutionRequest.Builder request =
        RecordExecutionRequest.newBuilder().setWorkspace(workspace.name()).setExecution(spec);
    record.inputs().forEach(a -> request.addInputs(Links.artifact(a)));
    record.outputs().forEach(a -> request.addOutputs(Links.artifact(a)));
    if (record.run() != null) {
      request.addContexts(Links.run(record.run()));
    }
    return request.build();
  }
}
