package io.mlmeta.sdk;

import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.mlmeta.proto.v1.CheckMirrorRequest;
import io.mlmeta.proto.v1.FindPathsRequest;
import io.mlmeta.proto.v1.GetArtifactRequest;
import io.mlmeta.proto.v1.GetContextRequest;
import io.mlmeta.proto.v1.GetExecutionRequest;
import io.mlmeta.proto.v1.GetImpactRequest;
import io.mlmeta.proto.v1.GetMirrorStatusRequest;
import io.mlmeta.proto.v1.ListEventsRequest;
import io.mlmeta.proto.v1.ListTypesRequest;
import io.mlmeta.proto.v1.ListTypesResponse;
import io.mlmeta.proto.v1.ListWorkspacesRequest;
import io.mlmeta.proto.v1.ListWorkspacesResponse;
import io.mlmeta.proto.v1.RebuildMirrorRequest;
import io.mlmeta.proto.v1.RegisterTypeRequest;
import io.mlmeta.proto.v1.VerifyChangeLogRequest;
import io.mlmeta.sdk.changelog.ChangeLogVerification;
import io.mlmeta.sdk.changelog.ChangeLogVerification.Problem;
import io.mlmeta.sdk.grpc.BearerToken;
import io.mlmeta.sdk.grpc.DetailProtos;
import io.mlmeta.sdk.grpc.GatewayIdentity;
import io.mlmeta.sdk.grpc.GrpcTransport;
import io.mlmeta.sdk.grpc.LineageProtos;
import io.mlmeta.sdk.grpc.Protos;
import io.mlmeta.sdk.lineage.Impact;
import io.mlmeta.sdk.lineage.LineagePath;
import io.mlmeta.sdk.lineage.MirrorCheck;
import io.mlmeta.sdk.lineage.MirrorRebuild;
import io.mlmeta.sdk.lineage.MirrorStatus;
import io.mlmeta.sdk.lineage.NodeKey;
import io.mlmeta.sdk.lineage.NodeKind;
import io.mlmeta.sdk.model.Artifact;
import io.mlmeta.sdk.model.ArtifactDetails;
import io.mlmeta.sdk.model.ContextDetails;
import io.mlmeta.sdk.model.Event;
import io.mlmeta.sdk.model.ExecutionDetails;
import io.mlmeta.sdk.model.MetadataType;
import io.mlmeta.sdk.model.TypeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

  /**
   * Every stored field of an artifact of any type, built-in or custom.
   *
   * @throws io.mlmeta.sdk.error.NotFoundException if no artifact has that id
   */
  public ArtifactDetails artifactDetails(long id) {
    return DetailProtos.artifact(
        transport.call(
            true, s -> s.getArtifact(GetArtifactRequest.newBuilder().setId(id).build())));
  }

  /**
   * Every stored field of an execution, including its properties (parameters) and times.
   *
   * @throws io.mlmeta.sdk.error.NotFoundException if no execution has that id
   */
  public ExecutionDetails executionDetails(long id) {
    return DetailProtos.execution(
        transport.call(
            true, s -> s.getExecution(GetExecutionRequest.newBuilder().setId(id).build())));
  }

  /**
   * Every stored field of a context (a run, an experiment, ...).
   *
   * @throws io.mlmeta.sdk.error.NotFoundException if no context has that id
   */
  public ContextDetails contextDetails(long id) {
    return DetailProtos.context(
        transport.call(true, s -> s.getContext(GetContextRequest.newBuilder().setId(id).build())));
  }

  /**
   * The events of an artifact or an execution: what read or wrote it, or what it read and wrote.
   */
  public List<Event> events(NodeKey node) {
    ListEventsRequest.Builder request = ListEventsRequest.newBuilder();
    if (node.kind() == NodeKind.ARTIFACT) {
      request.setArtifactId(node.id());
    } else {
      request.setExecutionId(node.id());
    }
    ListEventsRequest built = request.build();
    return transport.call(true, s -> s.listEvents(built)).getEventsList().stream()
        .map(DetailProtos::event)
        .toList();
  }

  /** Every workspace, in creation order, fetched page by page. */
  public List<Workspace> workspaces() {
    List<Workspace> all = new ArrayList<>();
    String token = "";
    do {
      ListWorkspacesRequest request =
          ListWorkspacesRequest.newBuilder().setPageSize(1000).setPageToken(token).build();
      ListWorkspacesResponse page = transport.call(true, s -> s.listWorkspaces(request));
      page.getWorkspacesList().forEach(w -> all.add(Workspace.of(this, w)));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return all;
  }

  /** Every registered type of one kind, or of every kind for null, fetched page by page. */
  public List<MetadataType> types(@Nullable TypeKind kind) {
    List<MetadataType> all = new ArrayList<>();
    String token = "";
    do {
      ListTypesRequest request =
          ListTypesRequest.newBuilder()
              .setKind(DetailProtos.kind(kind))
              .setPageSize(1000)
              .setPageToken(token)
              .build();
      ListTypesResponse page = transport.call(true, s -> s.listTypes(request));
      page.getTypesList().forEach(t -> all.add(DetailProtos.type(t)));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return all;
  }

  /**
   * Registers a type, or evolves an existing one compatibly (registering the same definition again
   * changes nothing).
   *
   * @param propertiesSchema the JSON Schema of the properties; null or empty for free-form
   * @throws io.mlmeta.sdk.error.InvalidArgumentException for a malformed name or schema
   * @throws io.mlmeta.sdk.error.FailedPreconditionException for an incompatible change
   */
  public MetadataType registerType(
      TypeKind kind,
      String name,
      @Nullable String description,
      @Nullable Map<String, ?> propertiesSchema) {
    RegisterTypeRequest.Builder request =
        RegisterTypeRequest.newBuilder()
            .setKind(DetailProtos.kind(Objects.requireNonNull(kind, "kind")))
            .setName(Objects.requireNonNull(name, "name"));
    if (description != null) {
      request.setDescription(description);
    }
    // The server needs a schema; free-form is an object schema that names no properties.
    request.setPropertiesSchema(
        Protos.struct(
            propertiesSchema == null || propertiesSchema.isEmpty()
                ? Map.of("type", "object")
                : propertiesSchema));
    RegisterTypeRequest built = request.build();
    return DetailProtos.type(transport.call(true, s -> s.registerType(built)));
  }

  /**
   * A lineage walk from an artifact: {@code store.lineage(model.id()).upstream().maxHops(4)
   * .fetch()}.
   */
  public LineageQuery lineage(long artifactId) {
    return new LineageQuery(this, List.of(new NodeKey(NodeKind.ARTIFACT, artifactId)));
  }

  /**
   * A lineage walk from node keys such as {@code artifact:12} or {@code execution:7} (a bare number
   * is an artifact id).
   *
   * @throws IllegalArgumentException for a malformed key
   */
  public LineageQuery lineage(String... nodeKeys) {
    return new LineageQuery(this, List.of(nodeKeys).stream().map(NodeKey::parse).toList());
  }

  /** Everything downstream of an artifact, grouped by type: what breaks if it is bad. */
  public Impact impact(long artifactId) {
    return impact(new NodeKey(NodeKind.ARTIFACT, artifactId).toString());
  }

  /** Everything downstream of a node key, grouped by type. */
  public Impact impact(String nodeKey) {
    GetImpactRequest request =
        GetImpactRequest.newBuilder()
            .setStart(LineageProtos.start(List.of(NodeKey.parse(nodeKey))))
            .build();
    return LineageProtos.impact(transport.lineage(s -> s.getImpact(request)));
  }

  /**
   * The shortest paths between two node keys, in whichever direction connects them (up to 10 paths
   * of up to 20 hops).
   */
  public List<LineagePath> paths(String fromKey, String toKey) {
    FindPathsRequest request =
        FindPathsRequest.newBuilder()
            .setFrom(NodeKey.parse(fromKey).toString())
            .setTo(NodeKey.parse(toKey).toString())
            .build();
    return LineageProtos.paths(transport.lineage(s -> s.findPaths(request)));
  }

  /** The state of the Neo4j lineage mirror: positions, lag, leader, last error. */
  public MirrorStatus mirrorStatus() {
    return LineageProtos.status(
        transport.admin(true, s -> s.getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance())));
  }

  /**
   * Clears the Neo4j mirror and copies the whole lineage graph from PostgreSQL. Not retried: a
   * rebuild that timed out may still be running.
   */
  public MirrorRebuild rebuildMirror() {
    return LineageProtos.rebuild(
        transport.admin(false, s -> s.rebuildMirror(RebuildMirrorRequest.getDefaultInstance())));
  }

  /**
   * Compares PostgreSQL and the Neo4j mirror node by node and edge by edge.
   *
   * @param repair whether to write the differences into Neo4j
   */
  public MirrorCheck checkMirror(boolean repair) {
    CheckMirrorRequest request = CheckMirrorRequest.newBuilder().setRepair(repair).build();
    return LineageProtos.check(transport.admin(true, s -> s.checkMirror(request)));
  }

  /**
   * Recomputes the change log's hash chain on the server and reports every entry changed, removed
   * or moved since it was chained. Needs the admin role.
   */
  public ChangeLogVerification verifyChangeLog() {
    io.mlmeta.proto.v1.ChangeLogVerification answer =
        transport.changeLog(s -> s.verifyChangeLog(VerifyChangeLogRequest.getDefaultInstance()));
    return new ChangeLogVerification(
        answer.getIntact(),
        answer.getVerifiedEntries(),
        answer.getUnsealedEntries(),
        answer.getProblemCount(),
        answer.getProblemsList().stream()
            .map(p -> new Problem(p.getPosition(), p.getSequence(), p.getProblem()))
            .toList());
  }

  /** Who is calling, roles in workspaces and API tokens. */
  public Access access() {
    return new Access(this);
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
    private @Nullable String target;
    private boolean tls;
    private @Nullable Path trustedCertificates;
    private @Nullable String token;
    private boolean tokenGiven;
    private @Nullable Path tokenFile;
    private @Nullable String gatewayUser;
    private List<String> gatewayGroups = List.of();
    private String gatewayUserHeader = "kubeflow-userid";
    private String gatewayGroupsHeader = "kubeflow-groups";
    private Map<String, String> environment = System.getenv();
    private Path home = Path.of(System.getProperty("user.home", "."));
    private Duration deadline = Duration.ofSeconds(30);
    private RetryPolicy retries = RetryPolicy.defaults();
    private final List<ClientInterceptor> interceptors = new ArrayList<>();
    private @Nullable ManagedChannel channel;

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

    /**
     * Sends {@code authorization: Bearer <token>} with every call; null sends none. Either way the
     * environment is not consulted.
     *
     * <p>Without {@code token}, {@link #tokenFile(Path)} or {@link #gatewayUser(String, String...)}
     * the store looks for a token itself: {@code MLMETA_TOKEN}, else the file named by {@code
     * MLMETA_TOKEN_FILE}, else {@code ~/.config/mlmeta/token} if it exists (see {@link TokenFile}).
     *
     * @throws IllegalArgumentException if the token holds whitespace or control characters
     */
    public Builder token(@Nullable String token) {
      this.token = token == null ? null : TokenFile.checked(token);
      this.tokenGiven = true;
      return this;
    }

    /**
     * Sends the bearer token held in this file, read again whenever the file changes (as
     * Kubernetes' projected service-account tokens do). The file must hold a token when the store
     * is built.
     */
    public Builder tokenFile(Path file) {
      this.tokenFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Names the caller the way a gateway does, with {@code kubeflow-userid: <user>} and {@code
     * kubeflow-groups: <group>,<group>} (see {@link #gatewayHeaders(String, String)}), for clients
     * that run where the server trusts such headers (its trusted proxy addresses); from anywhere
     * else the server refuses them. Excludes a bearer token.
     *
     * @throws IllegalArgumentException for a blank user, or a group that is blank or holds a comma
     */
    public Builder gatewayUser(String user, String... groups) {
      String name = Objects.requireNonNull(user, "user").strip();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("the gateway user is blank");
      }
      for (String group : groups) {
        if (group.isBlank() || group.contains(",")) {
          throw new IllegalArgumentException("a gateway group is blank or holds a comma: " + group);
        }
      }
      this.gatewayUser = name;
      this.gatewayGroups = List.of(groups).stream().map(String::strip).toList();
      return this;
    }

    /**
     * The header names {@link #gatewayUser(String, String...)} uses; by default Kubeflow's {@code
     * kubeflow-userid} and {@code kubeflow-groups}. They must match the server's {@code
     * mlmeta.security.proxy.user-header} and {@code .groups-header}.
     */
    public Builder gatewayHeaders(String userHeader, String groupsHeader) {
      this.gatewayUserHeader = Objects.requireNonNull(userHeader, "userHeader");
      this.gatewayGroupsHeader = Objects.requireNonNull(groupsHeader, "groupsHeader");
      return this;
    }

    /** The environment variables and home directory the token lookup reads; tests set their own. */
    Builder environment(Map<String, String> environment, Path home) {
      this.environment = Map.copyOf(environment);
      this.home = home;
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
              : Grpc.newChannelBuilder(target, tlsCredentials())
                  .userAgent("mlmeta-sdk-java")
                  .maxInboundMessageSize(32 * 1024 * 1024)
                  .build();
      List<ClientInterceptor> all = new ArrayList<>(interceptors);
      ClientInterceptor credentials = credentials();
      if (credentials != null) {
        all.add(credentials);
      }
      return new Store(
          new GrpcTransport(ch, all, deadline, retries), target == null ? ch.authority() : target);
    }

    /** The interceptor identifying the caller, or null to send no credentials. */
    private @Nullable ClientInterceptor credentials() {
      if (gatewayUser != null) {
        if (tokenGiven || tokenFile != null) {
          throw new IllegalStateException("a gateway user and a bearer token exclude each other");
        }
        return new GatewayIdentity(
            gatewayUserHeader, gatewayGroupsHeader, gatewayUser, gatewayGroups);
      }
      if (tokenGiven) {
        if (tokenFile != null) {
          throw new IllegalStateException("a token and a token file exclude each other");
        }
        return token == null ? null : new BearerToken(token);
      }
      if (tokenFile != null) {
        return BearerToken.fromFile(tokenFile, TokenFile::read);
      }
      String fromEnvironment = environment.get(TokenFile.TOKEN_VARIABLE);
      if (fromEnvironment != null && !fromEnvironment.isBlank()) {
        return new BearerToken(TokenFile.checked(fromEnvironment));
      }
      Path file = TokenFile.location(environment, home);
      String namedFile = environment.get(TokenFile.FILE_VARIABLE);
      boolean named = namedFile != null && !namedFile.isBlank();
      // The default file is optional; a file someone named must be there.
      return named || TokenFile.read(file) != null
          ? BearerToken.fromFile(file, TokenFile::read)
          : null;
    }

    private ChannelCredentials tlsCredentials() {
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
