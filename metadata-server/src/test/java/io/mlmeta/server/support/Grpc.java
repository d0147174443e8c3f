package io.mlmeta.server.support;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A real gRPC channel to the test server (HTTP and gRPC share the test port). */
public final class Grpc {

  private static final ManagedChannel CHANNEL =
      ManagedChannelBuilder.forAddress("localhost", 8081)
          .usePlaintext()
          .maxInboundMessageSize(32 * 1024 * 1024)
          .build();

  private Grpc() {}

  public static ManagedChannel channel() {
    return CHANNEL;
  }

  public static MetadataServiceGrpc.MetadataServiceBlockingStub stub() {
    return MetadataServiceGrpc.newBlockingStub(CHANNEL).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  public static MetadataServiceGrpc.MetadataServiceStub asyncStub() {
    return MetadataServiceGrpc.newStub(CHANNEL);
  }

  /** Asserts the call fails with {@code code} and returns the status description. */
  public static String failure(Status.Code code, ThrowingCallable call) {
    Throwable thrown = Assertions.catchThrowable(call);
    Assertions.assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
    Status status = ((StatusRuntimeException) thrown).getStatus();
    Assertions.assertThat(status.getCode()).as(status.toString()).isEqualTo(code);
    return status.getDescription();
  }
}
