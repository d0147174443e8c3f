package io.mlmeta.server.support;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A real gRPC channel to the test server. HTTP and gRPC share the test port, which is random (so
 * parallel builds do not collide); Quarkus hands it to RestAssured once the server listens.
 */
public final class Grpc {

  private Grpc() {}

  /** Created on first use, inside a test, when the server is up and its port known. */
  private static final class Channel {
    private static final ManagedChannel INSTANCE =
        ManagedChannelBuilder.forAddress("localhost", RestAssured.port)
            .usePlaintext()
            .maxInboundMessageSize(32 * 1024 * 1024)
            .build();
  }

  public static ManagedChannel channel() {
    return Channel.INSTANCE;
  }

  public static MetadataServiceGrpc.MetadataServiceBlockingStub stub() {
    return MetadataServiceGrpc.newBlockingStub(channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  public static MetadataServiceGrpc.MetadataServiceStub asyncStub() {
    return MetadataServiceGrpc.newStub(channel());
  }

  /** Sends and receives bytes as they are, so a test can put any bytes on the wire. */
  public static final MethodDescriptor.Marshaller<byte[]> RAW =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  /** A method of {@code type} whose requests and responses are raw bytes. */
  public static MethodDescriptor<byte[], byte[]> raw(
      String fullMethodName, MethodDescriptor.MethodType type) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(type)
        .setFullMethodName(fullMethodName)
        .setRequestMarshaller(RAW)
        .setResponseMarshaller(RAW)
        .build();
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
