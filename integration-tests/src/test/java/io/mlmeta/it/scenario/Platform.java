package io.mlmeta.it.scenario;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.mlmeta.it.support.GraphQlClient;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.proto.v1.AccessServiceGrpc;
import io.mlmeta.proto.v1.CheckMirrorRequest;
import io.mlmeta.proto.v1.CheckMirrorResponse;
import io.mlmeta.proto.v1.CreateApiTokenRequest;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.GetMirrorStatusRequest;
import io.mlmeta.proto.v1.LineageAdminServiceGrpc;
import io.mlmeta.proto.v1.LineageServiceGrpc;
import io.mlmeta.proto.v1.ListExecutionsRequest;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.proto.v1.Role;
import io.mlmeta.proto.v1.WorkspaceRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * How a platform component talks to mlmeta: gRPC to record what it does, GraphQL to ask about it.
 */
final class Platform implements AutoCloseable {

  private final ManagedChannel channel;
  private final GraphQlClient graphQl;

  /** The local admin: no credentials, on the loopback server. */
  Platform(PackagedServer server) {
    this(server, null);
  }

  /** A component that identifies itself with an API token, as a team's job would. */
  Platform(PackagedServer server, @Nullable String token) {
    ManagedChannelBuilder<?> builder =
        ManagedChannelBuilder.forTarget(server.grpcTarget()).usePlaintext();
    if (token != null) {
      Metadata bearer = new Metadata();
      bearer.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
      builder.intercept(MetadataUtils.newAttachHeadersInterceptor(bearer));
    }
    this.channel = builder.build();
    this.graphQl =
        new GraphQlClient(
            server.httpUrl(),
            token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  AccessServiceGrpc.AccessServiceBlockingStub access() {
    return AccessServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  /** A new API token with {@code role} in {@code workspace}; returns its bearer value. */
  String token(String name, String workspace, Role role) {
    return access()
        .createApiToken(
            CreateApiTokenRequest.newBuilder()
                .setName(name)
                .addScopes(WorkspaceRole.newBuilder().setWorkspace(workspace).setRole(role))
                .build())
        .getSecret();
  }

  MetadataServiceGrpc.MetadataServiceBlockingStub metadata() {
    return MetadataServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  LineageServiceGrpc.LineageServiceBlockingStub lineage() {
    return LineageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  LineageAdminServiceGrpc.LineageAdminServiceBlockingStub admin() {
    return LineageAdminServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(120, TimeUnit.SECONDS);
  }

  GraphQlClient graphQl() {
    return graphQl;
  }

  /**
   * Waits until the mirror has applied every outbox row, then has the server compare it with the
   * store node by node and edge by edge.
   */
  CheckMirrorResponse checkMirrorOnceCaughtUp(Duration atMost) {
    await()
        .atMost(atMost)
        .until(
            () ->
                admin().getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance()).getLagRows()
                    == 0);
    return admin().checkMirror(CheckMirrorRequest.getDefaultInstance());
  }

  /** Executions in the workspace (at most 1,000: scenarios write fewer). */
  int executionCount(String workspace) {
    return metadata()
        .listExecutions(
            ListExecutionsRequest.newBuilder().setWorkspace(workspace).setPageSize(1_000).build())
        .getExecutionsCount();
  }

  String newWorkspace(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    metadata().createWorkspace(CreateWorkspaceRequest.newBuilder().setName(name).build());
    return name;
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }

  @SuppressWarnings("unchecked")
  static Struct struct(Map<String, ?> map) {
    Struct.Builder struct = Struct.newBuilder();
    map.forEach((key, value) -> struct.putFields(key, value(value)));
    return struct.build();
  }

  @SuppressWarnings("unchecked")
  private static Value value(Object value) {
    if (value instanceof Map<?, ?> map) {
      return Value.newBuilder().setStructValue(struct((Map<String, ?>) map)).build();
    }
    if (value instanceof List<?> list) {
      ListValue.Builder values = ListValue.newBuilder();
      list.forEach(item -> values.addValues(value(item)));
      return Value.newBuilder().setListValue(values).build();
    }
    if (value instanceof Number number) {
      return Value.newBuilder().setNumberValue(number.doubleValue()).build();
    }
    if (value instanceof Boolean bool) {
      return Value.newBuilder().setBoolValue(bool).build();
    }
    return Value.newBuilder().setStringValue(String.valueOf(value)).build();
  }
}
