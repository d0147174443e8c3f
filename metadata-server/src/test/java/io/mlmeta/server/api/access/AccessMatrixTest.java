package io.mlmeta.server.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.AccessServiceGrpc;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.proto.v1.ChangeLogServiceGrpc;
import io.mlmeta.proto.v1.CheckMirrorRequest;
import io.mlmeta.proto.v1.ContextSpec;
import io.mlmeta.proto.v1.CreateApiTokenRequest;
import io.mlmeta.proto.v1.CreateArtifactRequest;
import io.mlmeta.proto.v1.CreateContextRequest;
import io.mlmeta.proto.v1.CreateExecutionRequest;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.FindPathsRequest;
import io.mlmeta.proto.v1.GetArtifactRequest;
import io.mlmeta.proto.v1.GetContextRequest;
import io.mlmeta.proto.v1.GetExecutionRequest;
import io.mlmeta.proto.v1.GetImpactRequest;
import io.mlmeta.proto.v1.GetLineageRequest;
import io.mlmeta.proto.v1.GetMirrorStatusRequest;
import io.mlmeta.proto.v1.GetTypeRequest;
import io.mlmeta.proto.v1.GetWorkspaceRequest;
import io.mlmeta.proto.v1.GrantRoleRequest;
import io.mlmeta.proto.v1.Grantee;
import io.mlmeta.proto.v1.GranteeKind;
import io.mlmeta.proto.v1.IngestSummary;
import io.mlmeta.proto.v1.LineageAdminServiceGrpc;
import io.mlmeta.proto.v1.LineageServiceGrpc;
import io.mlmeta.proto.v1.LineageStart;
import io.mlmeta.proto.v1.LinkToContextRequest;
import io.mlmeta.proto.v1.ListApiTokensRequest;
import io.mlmeta.proto.v1.ListArtifactsRequest;
import io.mlmeta.proto.v1.ListChangesRequest;
import io.mlmeta.proto.v1.ListContextsRequest;
import io.mlmeta.proto.v1.ListEventsRequest;
import io.mlmeta.proto.v1.ListExecutionsRequest;
import io.mlmeta.proto.v1.ListGrantsRequest;
import io.mlmeta.proto.v1.ListTypesRequest;
import io.mlmeta.proto.v1.ListWorkspacesRequest;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.proto.v1.RebuildMirrorRequest;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionsRequest;
import io.mlmeta.proto.v1.RegisterTypeRequest;
import io.mlmeta.proto.v1.RevokeApiTokenRequest;
import io.mlmeta.proto.v1.RevokeRoleRequest;
import io.mlmeta.proto.v1.Role;
import io.mlmeta.proto.v1.TypeKind;
import io.mlmeta.proto.v1.UpdateArtifactRequest;
import io.mlmeta.proto.v1.UpdateContextRequest;
import io.mlmeta.proto.v1.UpdateExecutionRequest;
import io.mlmeta.proto.v1.UpdateWorkspaceRequest;
import io.mlmeta.proto.v1.VerifyChangeLogRequest;
import io.mlmeta.proto.v1.WhoAmIRequest;
import io.mlmeta.proto.v1.WorkspaceRole;
import io.mlmeta.server.support.Caller;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.Pipelines;
import io.mlmeta.server.support.PostgresResource;
import io.mlmeta.server.support.Protos;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The access matrix of issue 13: every operation of every surface (GraphQL queries and mutations,
 * gRPC methods, REST routes) called as each kind of caller, against the role its rule names. The
 * operations are read from the running schema, the served gRPC services and the REST resources, so
 * an operation added without a rule here fails {@link #everyOperationHasARule()}.
 *
 * <p>The test server listens on loopback, where the anonymous caller is the local admin.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class AccessMatrixTest {

  /** The role an operation needs in the workspace it touches. */
  enum Rule {
    /** Any identified caller: its own identity, shared types, its own lists. */
    ANYONE,
    READ,
    WRITE,
    OWN,
    ADMIN,
    /** Revoking a token: its creator or an admin; anyone else is told it does not exist. */
    TOKEN_CREATOR
  }

  enum Who {
    ANONYMOUS,
    READER,
    WRITER,
    OWNER,
    ADMIN,
    OTHER_OWNER,
    REVOKED_TOKEN
  }

  enum Outcome {
    ALLOWED,
    /** PERMISSION_DENIED / 403 / FORBIDDEN. */
    DENIED,
    /** NOT_FOUND: the workspace or entity does not exist for this caller. */
    HIDDEN,
    UNAUTHENTICATED
  }

  @FunctionalInterface
  interface Call {
    Outcome as(Caller caller);
  }

  private record Operation(Rule rule, Call call) {}

  /** A workspace with a pipeline, its owner, a reader and a writer, and strangers. */
  private record Fixture(
      String workspace,
      Pipelines.Pipeline pipeline,
      long context,
      Map<Who, Caller> callers,
      Caller owner) {}

  private static Fixture fixture;

  static Outcome expected(Rule rule, Who who) {
    if (who == Who.REVOKED_TOKEN) {
      return Outcome.UNAUTHENTICATED;
    }
    if (who == Who.ANONYMOUS || who == Who.ADMIN || rule == Rule.ANYONE) {
      return Outcome.ALLOWED;
    }
    if (rule == Rule.ADMIN) {
      return Outcome.DENIED;
    }
    if (who == Who.OTHER_OWNER) {
      return Outcome.HIDDEN;
    }
    if (rule == Rule.TOKEN_CREATOR) {
      return who == Who.OWNER ? Outcome.ALLOWED : Outcome.HIDDEN;
    }
    io.mlmeta.server.identity.Role needed =
        switch (rule) {
          case READ -> io.mlmeta.server.identity.Role.READER;
          case WRITE -> io.mlmeta.server.identity.Role.WRITER;
          default -> io.mlmeta.server.identity.Role.OWNER;
        };
    io.mlmeta.server.identity.Role held =
        switch (who) {
          case READER -> io.mlmeta.server.identity.Role.READER;
          case WRITER -> io.mlmeta.server.identity.Role.WRITER;
          default -> io.mlmeta.server.identity.Role.OWNER;
        };
    return held.includes(needed) ? Outcome.ALLOWED : Outcome.DENIED;
  }

  @Test
  void everyOperationHasARule() {
    Set<String> served = new TreeSet<>();
    served.addAll(graphQlOperations());
    served.addAll(grpcMethods());
    served.addAll(restRoutes());
    Set<String> ruled = operations(fixture()).keySet();

    assertThat(served).as("operations the server serves without a rule here").isSubsetOf(ruled);
    assertThat(ruled).as("rules here for operations the server does not serve").isSubsetOf(served);
  }

  @Test
  void everyCallerGetsWhatItsRoleAllows() {
    Fixture f = fixture();
    List<String> unexpected = new ArrayList<>();
    int calls = 0;
    for (var entry : operations(f).entrySet()) {
      for (Who who : Who.values()) {
        Outcome want = expected(entry.getValue().rule(), who);
        Outcome got = entry.getValue().call().as(f.callers().get(who));
        calls++;
        if (got != want) {
          unexpected.add(entry.getKey() + " as " + who + ": " + got + ", expected " + want);
        }
      }
    }
    assertThat(unexpected).as("unexpected outcomes of %d calls", calls).isEmpty();
  }

  private static synchronized Fixture fixture() {
    if (fixture != null) {
      return fixture;
    }
    Caller owner = Caller.uniqueUser("owner");
    Caller reader = Caller.uniqueUser("reader");
    Caller writer = Caller.uniqueUser("writer");
    Caller otherOwner = Caller.uniqueUser("other");
    String workspace = Names.unique("matrix");
    owner
        .grpc(Grpc.stub())
        .createWorkspace(CreateWorkspaceRequest.newBuilder().setName(workspace).build());
    otherOwner
        .grpc(Grpc.stub())
        .createWorkspace(
            CreateWorkspaceRequest.newBuilder().setName(Names.unique("elsewhere")).build());
    var access = owner.grpc(AccessServiceGrpc.newBlockingStub(Grpc.channel()));
    access.grantRole(grant(workspace, reader.subject(), Role.READER));
    access.grantRole(grant(workspace, writer.subject(), Role.WRITER));
    var revoked =
        access.createApiToken(
            CreateApiTokenRequest.newBuilder()
                .setName("revoked")
                .addScopes(WorkspaceRole.newBuilder().setWorkspace(workspace).setRole(Role.OWNER))
                .build());
    access.revokeApiToken(
        RevokeApiTokenRequest.newBuilder().setId(revoked.getToken().getId()).build());
    Pipelines.Pipeline pipeline = Pipelines.record(workspace);
    long context =
        Grpc.stub()
            .createContext(
                CreateContextRequest.newBuilder()
                    .setWorkspace(workspace)
                    .setContext(ContextSpec.newBuilder().setType("Run").setName("matrix-run"))
                    .build())
            .getId();
    Map<Who, Caller> callers = new EnumMap<>(Who.class);
    callers.put(Who.ANONYMOUS, Caller.anonymous());
    callers.put(Who.READER, reader);
    callers.put(Who.WRITER, writer);
    callers.put(Who.OWNER, owner);
    callers.put(Who.ADMIN, Caller.uniqueUser("admin", "mlmeta-admins"));
    callers.put(Who.OTHER_OWNER, otherOwner);
    callers.put(Who.REVOKED_TOKEN, Caller.bearer(revoked.getSecret()));
    fixture = new Fixture(workspace, pipeline, context, callers, owner);
    return fixture;
  }

  private static GrantRoleRequest grant(String workspace, String user, Role role) {
    return GrantRoleRequest.newBuilder()
        .setWorkspace(workspace)
        .setGrantee(Grantee.newBuilder().setKind(GranteeKind.GRANTEE_USER).setName(user))
        .setRole(role)
        .build();
  }

  // The operations, by surface.

  private static Map<String, Operation> operations(Fixture f) {
    Map<String, Operation> ops = new LinkedHashMap<>();
    graphQl(ops, f);
    grpc(ops, f);
    rest(ops, f);
    return ops;
  }

  private static void graphQl(Map<String, Operation> ops, Fixture f) {
    String ws = f.workspace();
    long artifact = f.pipeline().dataset();
    long execution = f.pipeline().train();
    long model = f.pipeline().model();
    String dataset =
        "{type: \"Dataset\", properties: \"{\\\"uri\\\": \\\"s3://m/d\\\", \\\"name\\\":"
            + " \\\"d\\\"}\"}";
    query(ops, "artifact", Rule.READ, "{ artifact(id: " + artifact + ") { id } }");
    query(ops, "artifacts", Rule.READ, "{ artifacts(workspace: \"" + ws + "\") { nodes { id } } }");
    query(ops, "execution", Rule.READ, "{ execution(id: " + execution + ") { id } }");
    query(
        ops, "executions", Rule.READ, "{ executions(workspace: \"" + ws + "\") { nodes { id } } }");
    query(ops, "context", Rule.READ, "{ context(id: " + f.context() + ") { id } }");
    query(ops, "contexts", Rule.READ, "{ contexts(workspace: \"" + ws + "\") { nodes { id } } }");
    query(ops, "grants", Rule.READ, "{ grants(workspace: \"" + ws + "\") { role } }");
    query(ops, "impact", Rule.READ, "{ impact(artifactIds: [\"" + artifact + "\"]) { total } }");
    query(
        ops,
        "lineage",
        Rule.READ,
        "{ lineage(artifactIds: [\"" + model + "\"]) { nodes { key } } }");
    query(
        ops,
        "lineagePaths",
        Rule.READ,
        "{ lineagePaths(from: \"artifact:"
            + artifact
            + "\", to: \"artifact:"
            + model
            + "\") { paths { nodes { key } } } }");
    query(ops, "lineageMirror", Rule.ADMIN, "{ lineageMirror { configured } }");
    query(ops, "verifyChangeLog", Rule.ADMIN, "{ verifyChangeLog { intact } }");
    query(
        ops, "history", Rule.READ, "{ history(workspace: \"" + ws + "\") { nodes { sequence } } }");
    query(ops, "type", Rule.ANYONE, "{ type(kind: ARTIFACT, name: \"Dataset\") { name } }");
    query(ops, "types", Rule.ANYONE, "{ types { nodes { name } } }");
    query(ops, "whoami", Rule.ANYONE, "{ whoami { subject } }");
    query(ops, "workspace", Rule.READ, "{ workspace(name: \"" + ws + "\") { name } }");
    query(ops, "workspaces", Rule.ANYONE, "{ workspaces { nodes { name } } }");
    query(ops, "apiTokens", Rule.ANYONE, "{ apiTokens { nodes { id } } }");

    mutation(ops, "checkLineageMirror", Rule.ADMIN, () -> "{ checkLineageMirror { consistent } }");
    mutation(ops, "rebuildLineageMirror", Rule.ADMIN, () -> "{ rebuildLineageMirror { nodes } }");
    mutation(
        ops,
        "createApiToken",
        Rule.OWN,
        () ->
            "{ createApiToken(name: \"m\", scopes: [{workspace: \""
                + ws
                + "\", role: READER}]) { secret } }");
    mutation(
        ops,
        "createArtifact",
        Rule.WRITE,
        () -> "{ createArtifact(workspace: \"" + ws + "\", artifact: " + dataset + ") { id } }");
    mutation(
        ops,
        "createContext",
        Rule.WRITE,
        () ->
            "{ createContext(workspace: \""
                + ws
                + "\", context: {type: \"Run\", name: \""
                + Names.unique("run")
                + "\"}) { id } }");
    mutation(
        ops,
        "createExecution",
        Rule.WRITE,
        () ->
            "{ createExecution(workspace: \""
                + ws
                + "\", execution: {type: \"Train\", name: \"t\"}) { id } }");
    mutation(
        ops,
        "createWorkspace",
        Rule.ANYONE,
        () -> "{ createWorkspace(name: \"" + Names.unique("created") + "\") { name } }");
    mutation(
        ops,
        "grantRole",
        Rule.OWN,
        () ->
            "{ grantRole(workspace: \""
                + ws
                + "\", granteeKind: USER, grantee: \"guest@example.com\", role: READER) { role } }");
    mutation(
        ops,
        "revokeRole",
        Rule.OWN,
        () ->
            "{ revokeRole(workspace: \""
                + ws
                + "\", granteeKind: USER, grantee: \"nobody@example.com\") }");
    mutation(
        ops,
        "linkToContext",
        Rule.WRITE,
        () ->
            "{ linkToContext(contextId: "
                + f.context()
                + ", artifactIds: [\""
                + artifact
                + "\"]) { id } }");
    mutation(
        ops,
        "recordExecution",
        Rule.WRITE,
        () ->
            "{ recordExecution(input: {workspace: \""
                + ws
                + "\", execution: {type: \"Train\", name: \"r\"}, inputs: [{artifactId: "
                + artifact
                + "}]}) { execution { id } } }");
    mutation(
        ops,
        "registerType",
        Rule.ADMIN,
        () ->
            "{ registerType(kind: ARTIFACT, name: \""
                + Names.unique("T")
                + "\", propertiesSchema: \"{\\\"type\\\": \\\"object\\\"}\") { name } }");
    mutation(
        ops,
        "revokeApiToken",
        Rule.TOKEN_CREATOR,
        () -> "{ revokeApiToken(id: \"" + ownersToken(f) + "\") { id } }");
    mutation(
        ops,
        "updateArtifact",
        Rule.WRITE,
        () -> "{ updateArtifact(id: " + artifact + ", propertiesPatch: \"{}\") { id } }");
    mutation(
        ops,
        "updateContext",
        Rule.WRITE,
        () -> "{ updateContext(id: " + f.context() + ", description: \"d\") { id } }");
    mutation(
        ops,
        "updateExecution",
        Rule.WRITE,
        () -> "{ updateExecution(id: " + execution + ", propertiesPatch: \"{}\") { id } }");
    mutation(
        ops,
        "updateWorkspace",
        Rule.OWN,
        () -> "{ updateWorkspace(name: \"" + ws + "\", description: \"d\") { name } }");
  }

  private static void query(Map<String, Operation> ops, String name, Rule rule, String document) {
    ops.put(
        "graphql query " + name, new Operation(rule, caller -> outcome(caller.graphQl(document))));
  }

  private static void mutation(
      Map<String, Operation> ops, String name, Rule rule, Supplier<String> selection) {
    ops.put(
        "graphql mutation " + name,
        new Operation(rule, caller -> outcome(caller.graphQl("mutation " + selection.get()))));
  }

  private static Outcome outcome(JsonPath answer) {
    if (answer.getList("errors") == null || answer.getList("errors").isEmpty()) {
      return Outcome.ALLOWED;
    }
    String code = String.valueOf(answer.getString("errors[0].extensions.code"));
    return switch (code) {
      case "UNAUTHENTICATED" -> Outcome.UNAUTHENTICATED;
      case "FORBIDDEN" -> Outcome.DENIED;
      case "NOT_FOUND" -> Outcome.HIDDEN;
      default -> throw new AssertionError("unexpected error " + answer.prettify());
    };
  }

  private static void grpc(Map<String, Operation> ops, Fixture f) {
    String ws = f.workspace();
    long artifact = f.pipeline().dataset();
    long execution = f.pipeline().train();
    long model = f.pipeline().model();
    ArtifactSpec dataset =
        ArtifactSpec.newBuilder()
            .setType("Dataset")
            .setProperties(Protos.struct(Protos.dataset("matrix")))
            .build();
    RecordExecutionRequest record =
        RecordExecutionRequest.newBuilder()
            .setWorkspace(ws)
            .setExecution(Protos.execution("Train", "r"))
            .addInputs(Protos.existing(artifact))
            .build();
    String metadata = MetadataServiceGrpc.SERVICE_NAME + "/";
    rpc(
        ops,
        metadata + "CreateWorkspace",
        Rule.ANYONE,
        c ->
            metadata(c)
                .createWorkspace(
                    CreateWorkspaceRequest.newBuilder().setName(Names.unique("created")).build()));
    rpc(
        ops,
        metadata + "GetWorkspace",
        Rule.READ,
        c -> metadata(c).getWorkspace(GetWorkspaceRequest.newBuilder().setName(ws).build()));
    rpc(
        ops,
        metadata + "ListWorkspaces",
        Rule.ANYONE,
        c -> metadata(c).listWorkspaces(ListWorkspacesRequest.getDefaultInstance()));
    rpc(
        ops,
        metadata + "UpdateWorkspace",
        Rule.OWN,
        c ->
            metadata(c)
                .updateWorkspace(
                    UpdateWorkspaceRequest.newBuilder().setName(ws).setDescription("d").build()));
    rpc(
        ops,
        metadata + "RegisterType",
        Rule.ADMIN,
        c ->
            metadata(c)
                .registerType(
                    RegisterTypeRequest.newBuilder()
                        .setKind(TypeKind.ARTIFACT)
                        .setName(Names.unique("T"))
                        .setPropertiesSchema(Protos.struct(Map.of("type", "object")))
                        .build()));
    rpc(
        ops,
        metadata + "GetType",
        Rule.ANYONE,
        c ->
            metadata(c)
                .getType(
                    GetTypeRequest.newBuilder()
                        .setKind(TypeKind.ARTIFACT)
                        .setName("Dataset")
                        .build()));
    rpc(
        ops,
        metadata + "ListTypes",
        Rule.ANYONE,
        c -> metadata(c).listTypes(ListTypesRequest.getDefaultInstance()));
    rpc(
        ops,
        metadata + "CreateArtifact",
        Rule.WRITE,
        c ->
            metadata(c)
                .createArtifact(
                    CreateArtifactRequest.newBuilder()
                        .setWorkspace(ws)
                        .setArtifact(dataset)
                        .build()));
    rpc(
        ops,
        metadata + "GetArtifact",
        Rule.READ,
        c -> metadata(c).getArtifact(GetArtifactRequest.newBuilder().setId(artifact).build()));
    rpc(
        ops,
        metadata + "ListArtifacts",
        Rule.READ,
        c -> metadata(c).listArtifacts(ListArtifactsRequest.newBuilder().setWorkspace(ws).build()));
    rpc(
        ops,
        metadata + "UpdateArtifact",
        Rule.WRITE,
        c ->
            metadata(c)
                .updateArtifact(
                    UpdateArtifactRequest.newBuilder()
                        .setId(artifact)
                        .setDigest("sha256:0")
                        .build()));
    rpc(
        ops,
        metadata + "CreateExecution",
        Rule.WRITE,
        c ->
            metadata(c)
                .createExecution(
                    CreateExecutionRequest.newBuilder()
                        .setWorkspace(ws)
                        .setExecution(Protos.execution("Train", "t"))
                        .build()));
    rpc(
        ops,
        metadata + "GetExecution",
        Rule.READ,
        c -> metadata(c).getExecution(GetExecutionRequest.newBuilder().setId(execution).build()));
    rpc(
        ops,
        metadata + "ListExecutions",
        Rule.READ,
        c ->
            metadata(c)
                .listExecutions(ListExecutionsRequest.newBuilder().setWorkspace(ws).build()));
    rpc(
        ops,
        metadata + "UpdateExecution",
        Rule.WRITE,
        c ->
            metadata(c)
                .updateExecution(
                    UpdateExecutionRequest.newBuilder()
                        .setId(execution)
                        .setErrorMessage("")
                        .build()));
    rpc(
        ops,
        metadata + "CreateContext",
        Rule.WRITE,
        c ->
            metadata(c)
                .createContext(
                    CreateContextRequest.newBuilder()
                        .setWorkspace(ws)
                        .setContext(
                            ContextSpec.newBuilder().setType("Run").setName(Names.unique("run")))
                        .build()));
    rpc(
        ops,
        metadata + "GetContext",
        Rule.READ,
        c -> metadata(c).getContext(GetContextRequest.newBuilder().setId(f.context()).build()));
    rpc(
        ops,
        metadata + "ListContexts",
        Rule.READ,
        c -> metadata(c).listContexts(ListContextsRequest.newBuilder().setWorkspace(ws).build()));
    rpc(
        ops,
        metadata + "UpdateContext",
        Rule.WRITE,
        c ->
            metadata(c)
                .updateContext(
                    UpdateContextRequest.newBuilder()
                        .setId(f.context())
                        .setDescription("d")
                        .build()));
    rpc(
        ops,
        metadata + "LinkToContext",
        Rule.WRITE,
        c ->
            metadata(c)
                .linkToContext(
                    LinkToContextRequest.newBuilder()
                        .setContextId(f.context())
                        .addArtifactIds(artifact)
                        .build()));
    rpc(ops, metadata + "RecordExecution", Rule.WRITE, c -> metadata(c).recordExecution(record));
    rpc(
        ops,
        metadata + "RecordExecutions",
        Rule.WRITE,
        c ->
            metadata(c)
                .recordExecutions(
                    RecordExecutionsRequest.newBuilder().addExecutions(record).build()));
    ops.put(
        "grpc " + metadata + "IngestExecutions", new Operation(Rule.WRITE, c -> ingest(c, record)));
    rpc(
        ops,
        metadata + "ListEvents",
        Rule.READ,
        c ->
            metadata(c).listEvents(ListEventsRequest.newBuilder().setArtifactId(artifact).build()));

    String lineage = LineageServiceGrpc.SERVICE_NAME + "/";
    LineageStart start = LineageStart.newBuilder().addArtifactIds(model).build();
    rpc(
        ops,
        lineage + "GetLineage",
        Rule.READ,
        c -> lineage(c).getLineage(GetLineageRequest.newBuilder().setStart(start).build()));
    rpc(
        ops,
        lineage + "GetImpact",
        Rule.READ,
        c ->
            lineage(c)
                .getImpact(
                    GetImpactRequest.newBuilder()
                        .setStart(LineageStart.newBuilder().addArtifactIds(artifact))
                        .build()));
    rpc(
        ops,
        lineage + "FindPaths",
        Rule.READ,
        c ->
            lineage(c)
                .findPaths(
                    FindPathsRequest.newBuilder()
                        .setFrom("artifact:" + artifact)
                        .setTo("artifact:" + model)
                        .build()));

    rpc(
        ops,
        ChangeLogServiceGrpc.SERVICE_NAME + "/VerifyChangeLog",
        Rule.ADMIN,
        c ->
            c.grpc(ChangeLogServiceGrpc.newBlockingStub(Grpc.channel()))
                .verifyChangeLog(VerifyChangeLogRequest.getDefaultInstance()));

    rpc(
        ops,
        ChangeLogServiceGrpc.SERVICE_NAME + "/ListChanges",
        Rule.READ,
        c ->
            c.grpc(ChangeLogServiceGrpc.newBlockingStub(Grpc.channel()))
                .listChanges(ListChangesRequest.newBuilder().setWorkspace(ws).build()));

    String admin = LineageAdminServiceGrpc.SERVICE_NAME + "/";
    rpc(
        ops,
        admin + "GetMirrorStatus",
        Rule.ADMIN,
        c -> mirror(c).getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance()));
    rpc(
        ops,
        admin + "RebuildMirror",
        Rule.ADMIN,
        c -> mirror(c).rebuildMirror(RebuildMirrorRequest.getDefaultInstance()));
    rpc(
        ops,
        admin + "CheckMirror",
        Rule.ADMIN,
        c -> mirror(c).checkMirror(CheckMirrorRequest.getDefaultInstance()));

    String access = AccessServiceGrpc.SERVICE_NAME + "/";
    rpc(
        ops,
        access + "WhoAmI",
        Rule.ANYONE,
        c -> access(c).whoAmI(WhoAmIRequest.getDefaultInstance()));
    rpc(
        ops,
        access + "GrantRole",
        Rule.OWN,
        c -> access(c).grantRole(grant(ws, "guest@example.com", Role.READER)));
    rpc(
        ops,
        access + "RevokeRole",
        Rule.OWN,
        c ->
            access(c)
                .revokeRole(
                    RevokeRoleRequest.newBuilder()
                        .setWorkspace(ws)
                        .setGrantee(
                            Grantee.newBuilder()
                                .setKind(GranteeKind.GRANTEE_USER)
                                .setName("nobody@example.com"))
                        .build()));
    rpc(
        ops,
        access + "ListGrants",
        Rule.READ,
        c -> access(c).listGrants(ListGrantsRequest.newBuilder().setWorkspace(ws).build()));
    rpc(
        ops,
        access + "CreateApiToken",
        Rule.OWN,
        c ->
            access(c)
                .createApiToken(
                    CreateApiTokenRequest.newBuilder()
                        .setName("m")
                        .addScopes(WorkspaceRole.newBuilder().setWorkspace(ws).setRole(Role.READER))
                        .build()));
    rpc(
        ops,
        access + "ListApiTokens",
        Rule.ANYONE,
        c -> access(c).listApiTokens(ListApiTokensRequest.getDefaultInstance()));
    rpc(
        ops,
        access + "RevokeApiToken",
        Rule.TOKEN_CREATOR,
        c ->
            access(c)
                .revokeApiToken(RevokeApiTokenRequest.newBuilder().setId(ownersToken(f)).build()));
  }

  private static MetadataServiceGrpc.MetadataServiceBlockingStub metadata(Caller caller) {
    return caller.grpc(Grpc.stub());
  }

  private static LineageServiceGrpc.LineageServiceBlockingStub lineage(Caller caller) {
    return caller.grpc(LineageServiceGrpc.newBlockingStub(Grpc.channel()));
  }

  private static LineageAdminServiceGrpc.LineageAdminServiceBlockingStub mirror(Caller caller) {
    return caller.grpc(LineageAdminServiceGrpc.newBlockingStub(Grpc.channel()));
  }

  private static AccessServiceGrpc.AccessServiceBlockingStub access(Caller caller) {
    return caller.grpc(AccessServiceGrpc.newBlockingStub(Grpc.channel()));
  }

  /** A fresh token of the workspace's owner, for a caller to try to revoke. */
  private static String ownersToken(Fixture f) {
    return access(f.owner())
        .createApiToken(
            CreateApiTokenRequest.newBuilder()
                .setName("to-revoke")
                .addScopes(
                    WorkspaceRole.newBuilder().setWorkspace(f.workspace()).setRole(Role.READER))
                .build())
        .getToken()
        .getId();
  }

  @FunctionalInterface
  private interface Rpc {
    Object call(Caller caller);
  }

  private static void rpc(Map<String, Operation> ops, String method, Rule rule, Rpc rpc) {
    ops.put(
        "grpc " + method,
        new Operation(
            rule,
            caller -> {
              try {
                rpc.call(caller);
                return Outcome.ALLOWED;
              } catch (StatusRuntimeException e) {
                return outcome(e.getStatus());
              }
            }));
  }

  private static Outcome ingest(Caller caller, RecordExecutionRequest record) {
    CompletableFuture<Status> done = new CompletableFuture<>();
    StreamObserver<RecordExecutionRequest> requests =
        caller
            .grpc(Grpc.asyncStub())
            .ingestExecutions(
                new StreamObserver<>() {
                  @Override
                  public void onNext(IngestSummary summary) {}

                  @Override
                  public void onError(Throwable error) {
                    done.complete(Status.fromThrowable(error));
                  }

                  @Override
                  public void onCompleted() {
                    done.complete(Status.OK);
                  }
                });
    requests.onNext(record);
    requests.onCompleted();
    try {
      Status status = done.get(30, TimeUnit.SECONDS);
      return status.isOk() ? Outcome.ALLOWED : outcome(status);
    } catch (Exception e) {
      throw new AssertionError("IngestExecutions did not finish", e);
    }
  }

  private static Outcome outcome(Status status) {
    return switch (status.getCode()) {
      case UNAUTHENTICATED -> Outcome.UNAUTHENTICATED;
      case PERMISSION_DENIED -> Outcome.DENIED;
      case NOT_FOUND -> Outcome.HIDDEN;
      default -> throw new AssertionError("unexpected status " + status);
    };
  }

  private static void rest(Map<String, Operation> ops, Fixture f) {
    restRoute(
        ops,
        "GET /api/v1/workspaces/{name}",
        Rule.READ,
        c -> c.request().get("/api/v1/workspaces/" + f.workspace()));
    restRoute(
        ops,
        "GET /api/v1/admin/lineage-mirror",
        Rule.ADMIN,
        c -> c.request().get("/api/v1/admin/lineage-mirror"));
    restRoute(
        ops,
        "POST /api/v1/admin/lineage-mirror/check",
        Rule.ADMIN,
        c -> c.request().post("/api/v1/admin/lineage-mirror/check"));
    restRoute(
        ops,
        "POST /api/v1/admin/lineage-mirror/rebuild",
        Rule.ADMIN,
        c -> c.request().post("/api/v1/admin/lineage-mirror/rebuild"));
  }

  @FunctionalInterface
  private interface RestCall {
    Response call(Caller caller);
  }

  private static void restRoute(
      Map<String, Operation> ops, String route, Rule rule, RestCall call) {
    ops.put(
        "rest " + route,
        new Operation(
            rule,
            caller -> {
              Response response = call.call(caller);
              return switch (response.statusCode()) {
                case 200 -> Outcome.ALLOWED;
                case 401 -> Outcome.UNAUTHENTICATED;
                case 403 -> Outcome.DENIED;
                case 404 -> Outcome.HIDDEN;
                default ->
                    throw new AssertionError(
                        route + " answered " + response.statusCode() + ": " + response.asString());
              };
            }));
  }

  // What the server serves.

  private static Set<String> graphQlOperations() {
    Set<String> names = new TreeSet<>();
    for (String root : List.of("query", "mutation")) {
      // One root per request: the server refuses introspection that repeats __Type.fields.
      JsonPath schema =
          Caller.anonymous().graphQl("{ __schema { " + root + "Type { fields { name } } } }");
      List<String> fields =
          schema.getList("data['__schema']." + root + "Type.fields.name", String.class);
      assertThat(fields).as(schema.prettify()).isNotEmpty();
      fields.forEach(name -> names.add("graphql " + root + " " + name));
    }
    return names;
  }

  /** The methods of every gRPC service the server implements ({@code @GrpcService} classes). */
  private static Set<String> grpcMethods() {
    Set<String> names = new TreeSet<>();
    for (JavaClass service :
        serverClasses().stream().filter(c -> c.isAnnotatedWith(GrpcService.class)).toList()) {
      Class<?> generated = generatedServiceClass(service.reflect());
      try {
        ServiceDescriptor descriptor =
            (ServiceDescriptor) generated.getMethod("getServiceDescriptor").invoke(null);
        for (MethodDescriptor<?, ?> method : descriptor.getMethods()) {
          names.add("grpc " + method.getFullMethodName());
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError("no service descriptor for " + service.getName(), e);
      }
    }
    return names;
  }

  /**
   * The generated {@code *Grpc} class of a service: the enclosing class of the {@code AsyncService}
   * interface it implements.
   */
  private static Class<?> generatedServiceClass(Class<?> service) {
    for (Class<?> implemented : service.getInterfaces()) {
      if (implemented.getSimpleName().equals("AsyncService")) {
        return implemented.getEnclosingClass();
      }
    }
    throw new AssertionError(service.getName() + " implements no generated gRPC service");
  }

  /** Every JAX-RS route of the REST resources. */
  private static Set<String> restRoutes() {
    Set<String> routes = new TreeSet<>();
    for (JavaClass resource :
        serverClasses().stream().filter(c -> c.isAnnotatedWith(Path.class)).toList()) {
      String base = resource.getAnnotationOfType(Path.class).value();
      for (JavaMethod method : resource.getMethods()) {
        String verb = verb(method);
        if (verb != null) {
          String sub =
              method.isAnnotatedWith(Path.class)
                  ? method.getAnnotationOfType(Path.class).value()
                  : "";
          routes.add("rest " + verb + " " + base + sub);
        }
      }
    }
    return routes;
  }

  private static @Nullable String verb(JavaMethod method) {
    for (var verb : List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class)) {
      if (method.isAnnotatedWith(verb)) {
        return verb.getSimpleName();
      }
    }
    return null;
  }

  private static List<JavaClass> serverClasses() {
    return List.copyOf(
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mlmeta.server.api"));
  }
}
