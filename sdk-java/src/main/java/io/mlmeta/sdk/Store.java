package io.mlmeta.sdk;

import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.mlmeta.proto.v1.GetArtifactRequest;
import io.mlmeta.sdk.grpc.BearerToken;
import io.mlmeta.sdk.grpc.GrpcTransport;
import io.mlmeta.sdk.grpc.Protos;
import io.mlmeta.sdk.model.Artifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A connection to an mlmeta server: the entry point of the SDK, Kubeflow Metadata's {@code Store}.
 * Thread-safe; share one per process and close it when done, which shuts its channel down.
 *
 * <pre>{@code
 * try (Store store = Store.connect("localhost", 8080)) {
 *   Workspace ws = Workspace.create(store, "ws1", "workspace for testing", Map.of());
 *   ...
 * }
 * }</pre>
 *
 * <p>Every call has a deadline (30 s by default) and is retried with exponential backoff when the
 * server is unavailable, the deadline passed or a concurrent write conflicted ({@link
 * RetryPolicy}). Every write carries an idempotency key, so a retry never duplicates anything.
 */
public final class Store implements AutoCloseable {

  private final GrpcTransport transport;
  private final String target;

  private Store(GrpcTransport transport, String target) {
    this.transport = transport;
    this.target = target;
  }

  /** Connects to {@code host:port} in plain text with the default deadline and retries. */
  public static Store connect(String host, int port) {
    return builder().target(host, port).build();
  }

  /** A builder of stores with TLS, a token, deadlines and retries. */
  public static Builder builder() {
    return new Builder();
  }

  /** The server address, {@code host:port}. */
  public String target() {
    return target;
  }

  /** The deadline of each call. */
  public Duration deadline() {
    return transport.deadline();
  }

  /**
   * Reads an artifact by id.
   *
   * @throws io.mlmeta.sdk.error.NotFoundException if no artifact has that id
   * @throws IllegalArgumentException if the artifact is not of a built-in type
   */
  public Artifact artifact(long id) {
    return Protos.artifact(
        transport.call(
            true, s -> s.getArtifact(GetArtifactRequest.newBuilder().setId(id).build())));
  }

  /**
   * Reads an artifact of a known class by id.
   *
   * @throws io.mlmeta.sdk.error.NotFoundException if no artifact has that id
   * @throws ClassCastException if the artifact is of another type
   */
  public <T extends Artifact> T artifact(long id, Class<T> kind) {
    return kind.cast(artifact(id));
  }

  /** A batch writer of executions in {@code workspace} with the default options. */
  public ExecutionBatch batch(Workspace workspace) {
    return batch(workspace, BatchOptions.defaults());
  }

  /**
   * A batch writer of executions in {@code workspace}, for high-volume logging: it buffers records
   * and writes them in one atomic call when {@link BatchOptions#maxSize()} are waiting, when {@link
   * BatchOptions#flushInterval()} has passed, on {@link ExecutionBatch#flush()} and on close.
   */
  public ExecutionBatch batch(Workspace workspace, BatchOptions options) {
    if (workspace.store() != this) {
      throw new IllegalArgumentException("the workspace belongs to another store");
    }
    return new ExecutionBatch(workspace, options);
  }

  GrpcTransport transport() {
    return transport;
  }

  /** Shuts the channel down, waiting briefly for calls in flight. */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "Store[" + target + "]";
  }

  /** Builds {@link Store}s. Only the target is required. */
  public static final class Builder {
    private String target;
    private boolean tls;
    private Path trustedCertificates;
    private String token;
    private Duration deadline = Duration.ofSeconds(30);
    private RetryPolicy retries = RetryPolicy.defaults();
    private final List<ClientInterceptor> interceptors = new ArrayList<>();
    private ManagedChannel channel;

    private Builder() {}

    /** The server address as {@code host:port} (or any gRPC target such as {@code dns:///h:p}). */
    public Builder target(String target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    /** The server's host and port. */
    public Builder target(String host, int port) {
      return target(host + ":" + port);
    }

    /** Whether to connect with TLS, trusting the JVM's default certificate authorities. */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** Connects with TLS, trusting the PEM certificates in this file. */
    public Builder tls(Path trustedCertificates) {
      this.tls = true;
      this.trustedCertificates = Objects.requireNonNull(trustedCertificates);
      return this;
    }

    /** Sends {@code authorization: Bearer <token>} with every call; null sends none. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** The time allowed to each attempt of a call (30 s by default). */
    public Builder deadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("deadline must be positive: " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /** Retries after the first attempt, with the default backoff; 0 disables retries. */
    public Builder retries(int maxRetries) {
      return retries(RetryPolicy.withRetries(maxRetries));
    }

    /** The retry policy. */
    public Builder retries(RetryPolicy policy) {
      this.retries = Objects.requireNonNull(policy);
      return this;
    }

    /** Adds interceptors applied to every call (for tracing or custom headers). */
    public Builder intercept(ClientInterceptor... interceptors) {
      this.interceptors.addAll(List.of(interceptors));
      return this;
    }

    /**
     * Uses this channel instead of opening one; the store owns it and shuts it down on close. TLS
     * settings are then the channel's own, and the target is used only for display.
     */
    public Builder channel(ManagedChannel channel) {
      this.channel = Objects.requireNonNull(channel);
      return this;
    }

    /** Opens the channel (connections are made lazily, on the first call). */
    public Store build() {
      if (channel == null && target == null) {
        throw new IllegalStateException("a target is required");
      }
      ManagedChannel ch =
          channel != null
              ? channel
              : Grpc.newChannelBuilder(target, credentials())
                  .userAgent("mlmeta-sdk-java")
                  .maxInboundMessageSize(32 * 1024 * 1024)
                  .build();
      List<ClientInterceptor> all = new ArrayList<>(interceptors);
      if (token != null) {
        all.add(new BearerToken(token));
      }
      return new Store(
          new GrpcTransport(ch, all, deadline, retries), target == null ? ch.authority() : target);
    }

    private ChannelCredentials credentials() {
      if (!tls) {
        return InsecureChannelCredentials.create();
      }
      if (trustedCertificates == null) {
        return TlsChannelCredentials.create();
      }
      try {
        return TlsChannelCredentials.newBuilder()
            .trustManager(trustedCertificates.toFile())
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + trustedCertificates, e);
      }
    }
  }
}
