package io.mlmeta.sdk.grpc;

import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.mlmeta.proto.v1.AccessServiceGrpc;
import io.mlmeta.proto.v1.AccessServiceGrpc.AccessServiceBlockingStub;
import io.mlmeta.proto.v1.ChangeLogServiceGrpc;
import io.mlmeta.proto.v1.ChangeLogServiceGrpc.ChangeLogServiceBlockingStub;
import io.mlmeta.proto.v1.LineageAdminServiceGrpc;
import io.mlmeta.proto.v1.LineageAdminServiceGrpc.LineageAdminServiceBlockingStub;
import io.mlmeta.proto.v1.LineageServiceGrpc;
import io.mlmeta.proto.v1.LineageServiceGrpc.LineageServiceBlockingStub;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.proto.v1.MetadataServiceGrpc.MetadataServiceBlockingStub;
import io.mlmeta.sdk.RetryPolicy;
import io.mlmeta.sdk.error.MetadataException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The SDK's connection to a server: one channel, a deadline per attempt, retries with exponential
 * backoff, and translation of gRPC status to SDK exceptions. Internal to the SDK.
 */
public final class GrpcTransport implements AutoCloseable {

  private final ManagedChannel channel;
  private final MetadataServiceBlockingStub stub;
  private final LineageServiceBlockingStub lineageStub;
  private final LineageAdminServiceBlockingStub adminStub;
  private final AccessServiceBlockingStub accessStub;
  private final ChangeLogServiceBlockingStub changeLogStub;
  private final Duration deadline;
  private final RetryPolicy retries;

  /**
   * A transport over {@code channel}, which it owns and shuts down on {@link #close()}.
   *
   * @param interceptors applied to every call, in order (for example the bearer token)
   * @param deadline time allowed to each attempt of a call
   */
  public GrpcTransport(
      ManagedChannel channel,
      List<ClientInterceptor> interceptors,
      Duration deadline,
      RetryPolicy retries) {
    this.channel = channel;
    Channel intercepted = ClientInterceptors.intercept(channel, interceptors);
    this.stub = MetadataServiceGrpc.newBlockingStub(intercepted);
    this.lineageStub = LineageServiceGrpc.newBlockingStub(intercepted);
    this.adminStub = LineageAdminServiceGrpc.newBlockingStub(intercepted);
    this.accessStub = AccessServiceGrpc.newBlockingStub(intercepted);
    this.changeLogStub = ChangeLogServiceGrpc.newBlockingStub(intercepted);
    this.deadline = deadline;
    this.retries = retries;
  }

  /** The deadline of each attempt. */
  public Duration deadline() {
    return deadline;
  }

  /**
   * Runs one unary call, retrying retryable failures.
   *
   * @param idempotent whether repeating the call cannot change its outcome (true for reads and for
   *     writes that carry an idempotency key); only such calls are retried after a deadline or an
   *     unavailable server
   * @throws MetadataException the mapped error of the last attempt
   */
  public <T> T call(boolean idempotent, Function<MetadataServiceBlockingStub, T> call) {
    return invoke(stub, idempotent, call);
  }

  /** Runs one unary call of the lineage query service (always a read, so always retryable). */
  public <T> T lineage(Function<LineageServiceBlockingStub, T> call) {
    return invoke(lineageStub, true, call);
  }

  /**
   * Runs one unary call of the lineage mirror administration service.
   *
   * @param idempotent whether repeating the call cannot change its outcome
   */
  public <T> T admin(boolean idempotent, Function<LineageAdminServiceBlockingStub, T> call) {
    return invoke(adminStub, idempotent, call);
  }

  /**
   * Runs one unary call of the access service (who am I, grants, API tokens).
   *
   * @param idempotent whether repeating the call cannot change its outcome
   */
  public <T> T access(boolean idempotent, Function<AccessServiceBlockingStub, T> call) {
    return invoke(accessStub, idempotent, call);
  }

  /** Runs one unary call of the change log service (reads only, so always retryable). */
  public <T> T changeLog(Function<ChangeLogServiceBlockingStub, T> call) {
    return invoke(changeLogStub, true, call);
  }

  private <S extends AbstractStub<S>, T> T invoke(
      S target, boolean idempotent, Function<S, T> call) {
    int retry = 0;
    while (true) {
      try {
        return call.apply(target.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
      } catch (StatusRuntimeException e) {
        if (retry >= retries.maxRetries() || !Errors.retryable(e, idempotent)) {
          throw Errors.map(e);
        }
        retry++;
        sleep(retries.backoff(retry), e);
      }
    }
  }

  private static void sleep(Duration backoff, StatusRuntimeException cause) {
    long millis = backoff.toMillis();
    long jittered =
        millis <= 1 ? millis : millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    try {
      Thread.sleep(jittered);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      MetadataException error = Errors.map(cause);
      error.addSuppressed(interrupted);
      throw error;
    }
  }

  /** Shuts the channel down, waiting up to five seconds for calls in flight. */
  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
