package io.mlmeta.cli.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mlmeta.cli.CliEnvironment;
import io.mlmeta.cli.ConnectionSettings;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.MlmetaCli;
import io.mlmeta.proto.v1.AccessServiceGrpc.AccessServiceImplBase;
import io.mlmeta.proto.v1.ApiToken;
import io.mlmeta.proto.v1.Caller;
import io.mlmeta.proto.v1.CallerKind;
import io.mlmeta.proto.v1.CreateApiTokenRequest;
import io.mlmeta.proto.v1.CreateApiTokenResponse;
import io.mlmeta.proto.v1.Grant;
import io.mlmeta.proto.v1.GrantRoleRequest;
import io.mlmeta.proto.v1.GranteeKind;
import io.mlmeta.proto.v1.Role;
import io.mlmeta.proto.v1.WhoAmIRequest;
import io.mlmeta.proto.v1.WorkspaceRole;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code login}, {@code logout}, {@code whoami}, {@code tokens} and {@code grants} against a local
 * gRPC AccessService stand-in: what is stored and sent, what is printed, and the exit codes of
 * refusals.
 */
class AccessCommandsTest {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> USER =
      Metadata.Key.of("kubeflow-userid", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir Path home;

  private final List<Metadata> headers = new CopyOnWriteArrayList<>();
  private final List<Object> requests = new CopyOnWriteArrayList<>();
  private volatile Status refusal;
  private Server server;
  private StringWriter out;
  private StringWriter err;

  @BeforeEach
  void start() throws IOException {
    ServerInterceptor recorder =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
            headers.add(metadata);
            return next.startCall(call, metadata);
          }
        };
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(ServerInterceptors.intercept(new Fake(), recorder))
            .build()
            .start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private int run(Map<String, String> variables, String stdin, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--server");
    all.add("localhost:" + server.getPort());
    return MlmetaCli.run(
        new CliEnvironment(
            variables,
            home,
            new PrintWriter(out),
            new PrintWriter(err),
            false,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))),
        all.toArray(String[]::new));
  }

  private int run(String... args) {
    return run(Map.of(), "", args);
  }

  @Test
  void loginStoresTheTokenOwnerOnlyAndLaterCommandsSendIt() throws IOException {
    assertThat(run(Map.of(), "mlm_0123456789abcdef_secret\n", "login", "--token-stdin"))
        .isEqualTo(ExitCode.OK);

    Path file = home.resolve(".config/mlmeta/token");
    assertThat(out.toString()).contains("Token stored in " + file);
    assertThat(Files.readString(file).strip()).isEqualTo("mlm_0123456789abcdef_secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");

    assertThat(run("whoami")).isEqualTo(ExitCode.OK);
    assertThat(headers.get(0).get(AUTHORIZATION)).isEqualTo("Bearer mlm_0123456789abcdef_secret");
    assertThat(run(Map.of("MLMETA_TOKEN", "from-env"), "", "whoami")).isEqualTo(ExitCode.OK);
    assertThat(headers.get(1).get(AUTHORIZATION)).isEqualTo("Bearer from-env");

    assertThat(run("logout")).isEqualTo(ExitCode.OK);
    assertThat(file).doesNotExist();
    assertThat(run("whoami")).isEqualTo(ExitCode.OK);
    assertThat(headers.get(2).get(AUTHORIZATION)).isNull();
    assertThat(run("logout")).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).startsWith("No token stored");
  }

  @Test
  void loginTakesTheTokenFlagToAFileTheEnvironmentNames() throws IOException {
    Path named = home.resolve("elsewhere/token");
    Map<String, String> env = Map.of("MLMETA_TOKEN_FILE", named.toString());

    assertThat(run(env, "", "login", "--token", "abc")).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(named).strip()).isEqualTo("abc");

    assertThat(run(env, "x", "login", "--token", "abc", "--token-stdin")).isEqualTo(ExitCode.USAGE);
    assertThat(run(env, "", "login")).isEqualTo(ExitCode.USAGE);
    assertThat(run(env, "two words", "login", "--token-stdin")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("not a token");
  }

  @Test
  void tokenPrecedenceIsFlagEnvironmentTokenFileConfigFile() throws IOException {
    Path config = home.resolve(".mlmeta/cli.properties");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "token=from-config\n");
    ConnectionSettings.Flags none = new ConnectionSettings.Flags(null, null, null, null, null);
    Map<String, String> env = new HashMap<>();

    assertThat(resolve(none, env).token()).isEqualTo("from-config");
    Files.createDirectories(home.resolve(".config/mlmeta"));
    Files.writeString(home.resolve(".config/mlmeta/token"), "from-file\n");
    assertThat(resolve(none, env).token()).isEqualTo("from-file");
    env.put("MLMETA_TOKEN", "from-env");
    assertThat(resolve(none, env).token()).isEqualTo("from-env");
    assertThat(
            resolve(new ConnectionSettings.Flags(null, "from-flag", null, null, null), env).token())
        .isEqualTo("from-flag");

    ConnectionSettings gateway =
        resolve(
            new ConnectionSettings.Flags(null, "from-flag", null, null, null, "alice", "a, b"),
            env);
    assertThat(gateway.token()).isNull();
    assertThat(gateway.gatewayUser()).isEqualTo("alice");
    assertThat(gateway.gatewayGroups()).containsExactly("a", "b");
  }

  private ConnectionSettings resolve(ConnectionSettings.Flags flags, Map<String, String> env) {
    return ConnectionSettings.resolve(
        flags,
        new CliEnvironment(
            env,
            home,
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            false));
  }

  @Test
  void gatewayUserSendsTheGatewayHeader() {
    assertThat(run("whoami", "--gateway-user", "alice@example.com", "--token", "ignored"))
        .isEqualTo(ExitCode.OK);
    assertThat(headers.get(0).get(USER)).isEqualTo("alice@example.com");
    assertThat(headers.get(0).get(AUTHORIZATION)).isNull();
  }

  @Test
  void whoamiShowsTheCaller() {
    assertThat(run("whoami")).isEqualTo(ExitCode.OK);
    assertThat(out.toString())
        .contains("alice@example.com", "USER", "team-a", "ws=owner")
        .containsPattern("admin +no");

    assertThat(run("whoami", "--format", "json")).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).contains("\"kind\": \"USER\"", "\"ws\": \"owner\"");
  }

  @Test
  void tokensCreatePrintsTheSecretOnceWithAWarning() {
    assertThat(
            run(
                "tokens",
                "create",
                "--name",
                "ci",
                "--workspace",
                "ws",
                "--role",
                "writer",
                "--workspace",
                "other",
                "--role",
                "READER",
                "--expires",
                "2027-01-01"))
        .isEqualTo(ExitCode.OK);

    CreateApiTokenRequest sent = (CreateApiTokenRequest) requests.get(0);
    assertThat(sent.getScopesList())
        .extracting(s -> s.getWorkspace() + "=" + s.getRole())
        .containsExactly("ws=WRITER", "other=READER");
    assertThat(sent.getExpireTime().getSeconds())
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond());
    assertThat(out.toString().strip()).isEqualTo("mlm_00000000000000a1_" + "s".repeat(43));
    assertThat(err.toString()).contains("00000000000000a1", "not shown again");

    assertThat(run("tokens", "create", "--name", "nothing")).isEqualTo(ExitCode.USAGE);
    assertThat(run("tokens", "create", "--name", "x", "--admin", "--expires", "soon"))
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void grantsAddSendsTheGrantee() {
    assertThat(run("grants", "add", "ws", "--group", "team-b", "--role", "reader"))
        .isEqualTo(ExitCode.OK);
    GrantRoleRequest sent = (GrantRoleRequest) requests.get(0);
    assertThat(sent.getGrantee().getKind()).isEqualTo(GranteeKind.GRANTEE_GROUP);
    assertThat(sent.getRole()).isEqualTo(Role.READER);
    assertThat(out.toString()).contains("Granted reader in ws to group team-b.");

    assertThat(run("grants", "add", "ws", "--user", "u", "--group", "g", "--role", "reader"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("grants", "add", "ws", "--role", "reader")).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void refusalsExitSixAndTenWithAHintAndNoStackTrace() {
    refusal = Status.UNAUTHENTICATED.withDescription("the token is revoked");
    assertThat(run("whoami")).isEqualTo(ExitCode.UNAUTHORIZED);
    assertThat(err.toString())
        .startsWith("mlmeta: unauthenticated: the token is revoked")
        .contains("mlmeta login")
        .doesNotContain("\tat ", "Exception");

    refusal = Status.PERMISSION_DENIED.withDescription("needs owner in ws");
    assertThat(run("grants", "add", "ws", "--user", "bob", "--role", "owner"))
        .isEqualTo(ExitCode.FORBIDDEN);
    assertThat(err.toString())
        .startsWith("mlmeta: permission denied: needs owner in ws")
        .doesNotContain("\tat ", "Exception");
  }

  /** Answers WhoAmI, CreateApiToken and GrantRole, or fails them all with {@code refusal}. */
  private final class Fake extends AccessServiceImplBase {

    private boolean refused(Object request, StreamObserver<?> response) {
      requests.add(request);
      Status status = refusal;
      if (status != null) {
        response.onError(status.asRuntimeException());
        return true;
      }
      return false;
    }

    @Override
    public void whoAmI(WhoAmIRequest request, StreamObserver<Caller> response) {
      if (!refused(request, response)) {
        response.onNext(
            Caller.newBuilder()
                .setSubject("alice@example.com")
                .addGroups("team-a")
                .setKind(CallerKind.CALLER_USER)
                .addRoles(WorkspaceRole.newBuilder().setWorkspace("ws").setRole(Role.OWNER))
                .build());
        response.onCompleted();
      }
    }

    @Override
    public void createApiToken(
        CreateApiTokenRequest request, StreamObserver<CreateApiTokenResponse> response) {
      if (!refused(request, response)) {
        ApiToken.Builder token =
            ApiToken.newBuilder()
                .setId("00000000000000a1")
                .setName(request.getName())
                .addAllScopes(request.getScopesList())
                .setCreatedBy("alice@example.com")
                .setCreateTime(Timestamp.newBuilder().setSeconds(1_700_000_000));
        if (request.hasExpireTime()) {
          token.setExpireTime(request.getExpireTime());
        }
        response.onNext(
            CreateApiTokenResponse.newBuilder()
                .setToken(token)
                .setSecret("mlm_00000000000000a1_" + "s".repeat(43))
                .build());
        response.onCompleted();
      }
    }

    @Override
    public void grantRole(GrantRoleRequest request, StreamObserver<Grant> response) {
      if (!refused(request, response)) {
        response.onNext(
            Grant.newBuilder()
                .setWorkspace(request.getWorkspace())
                .setGrantee(request.getGrantee())
                .setRole(request.getRole())
                .setGrantedBy("alice@example.com")
                .build());
        response.onCompleted();
      }
    }
  }
}
