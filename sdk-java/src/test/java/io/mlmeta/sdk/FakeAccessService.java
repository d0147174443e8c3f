package io.mlmeta.sdk;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.AccessServiceGrpc.AccessServiceImplBase;
import io.mlmeta.proto.v1.ApiToken;
import io.mlmeta.proto.v1.Caller;
import io.mlmeta.proto.v1.CallerKind;
import io.mlmeta.proto.v1.CreateApiTokenRequest;
import io.mlmeta.proto.v1.CreateApiTokenResponse;
import io.mlmeta.proto.v1.Grant;
import io.mlmeta.proto.v1.GrantRoleRequest;
import io.mlmeta.proto.v1.ListApiTokensRequest;
import io.mlmeta.proto.v1.ListApiTokensResponse;
import io.mlmeta.proto.v1.ListGrantsRequest;
import io.mlmeta.proto.v1.ListGrantsResponse;
import io.mlmeta.proto.v1.RevokeApiTokenRequest;
import io.mlmeta.proto.v1.RevokeRoleRequest;
import io.mlmeta.proto.v1.RevokeRoleResponse;
import io.mlmeta.proto.v1.Role;
import io.mlmeta.proto.v1.WhoAmIRequest;
import io.mlmeta.proto.v1.WorkspaceRole;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory AccessService: grants per workspace and tokens, no permission checks (the server's
 * job). Failures can be queued per method; requests are recorded.
 */
class FakeAccessService extends AccessServiceImplBase {

  private final Map<String, Deque<Status>> failures = new ConcurrentHashMap<>();
  final List<Object> requests = new CopyOnWriteArrayList<>();
  final List<Grant> grants = new CopyOnWriteArrayList<>();
  final Map<String, ApiToken> tokens = new ConcurrentHashMap<>();
  Caller caller =
      Caller.newBuilder()
          .setSubject("alice@example.com")
          .addGroups("team-a")
          .setKind(CallerKind.CALLER_USER)
          .addRoles(WorkspaceRole.newBuilder().setWorkspace("ws").setRole(Role.OWNER))
          .build();

  void failNext(String method, Status... statuses) {
    failures.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
  }

  <T> List<T> requests(Class<T> kind) {
    return requests.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private boolean failed(String method, Object request, StreamObserver<?> response) {
    requests.add(request);
    Deque<Status> queued = failures.get(method);
    Status status = queued == null ? null : queued.poll();
    if (status != null) {
      response.onError(status.asRuntimeException());
      return true;
    }
    return false;
  }

  private static <T> void reply(StreamObserver<T> response, T value) {
    response.onNext(value);
    response.onCompleted();
  }

  @Override
  public void whoAmI(WhoAmIRequest request, StreamObserver<Caller> response) {
    if (!failed("WhoAmI", request, response)) {
      reply(response, caller);
    }
  }

  @Override
  public void grantRole(GrantRoleRequest request, StreamObserver<Grant> response) {
    if (failed("GrantRole", request, response)) {
      return;
    }
    grants.removeIf(
        g ->
            g.getWorkspace().equals(request.getWorkspace())
                && g.getGrantee().equals(request.getGrantee()));
    Grant grant =
        Grant.newBuilder()
            .setWorkspace(request.getWorkspace())
            .setGrantee(request.getGrantee())
            .setRole(request.getRole())
            .setGrantedBy(caller.getSubject())
            .setGrantTime(Timestamp.newBuilder().setSeconds(1_700_000_000))
            .build();
    grants.add(grant);
    reply(response, grant);
  }

  @Override
  public void revokeRole(RevokeRoleRequest request, StreamObserver<RevokeRoleResponse> response) {
    if (!failed("RevokeRole", request, response)) {
      boolean revoked =
          grants.removeIf(
              g ->
                  g.getWorkspace().equals(request.getWorkspace())
                      && g.getGrantee().equals(request.getGrantee()));
      reply(response, RevokeRoleResponse.newBuilder().setRevoked(revoked).build());
    }
  }

  @Override
  public void listGrants(ListGrantsRequest request, StreamObserver<ListGrantsResponse> response) {
    if (!failed("ListGrants", request, response)) {
      reply(
          response,
          ListGrantsResponse.newBuilder()
              .addAllGrants(
                  grants.stream()
                      .filter(g -> g.getWorkspace().equals(request.getWorkspace()))
                      .toList())
              .build());
    }
  }

  @Override
  public void createApiToken(
      CreateApiTokenRequest request, StreamObserver<CreateApiTokenResponse> response) {
    if (failed("CreateApiToken", request, response)) {
      return;
    }
    String id = String.format("%016x", tokens.size() + 1);
    ApiToken.Builder token =
        ApiToken.newBuilder()
            .setId(id)
            .setName(request.getName())
            .setAdmin(request.getAdmin())
            .addAllScopes(request.getScopesList())
            .setCreatedBy(caller.getSubject())
            .setCreateTime(Timestamp.newBuilder().setSeconds(1_700_000_000));
    if (request.hasExpireTime()) {
      token.setExpireTime(request.getExpireTime());
    }
    tokens.put(id, token.build());
    reply(
        response,
        CreateApiTokenResponse.newBuilder()
            .setToken(token)
            .setSecret("mlm_" + id + "_" + "s".repeat(43))
            .build());
  }

  /** Pages of two tokens, ordered by id; the page token is the next offset. */
  @Override
  public void listApiTokens(
      ListApiTokensRequest request, StreamObserver<ListApiTokensResponse> response) {
    if (failed("ListApiTokens", request, response)) {
      return;
    }
    List<ApiToken> all =
        new ArrayList<>(
            tokens.values().stream()
                .filter(t -> request.getIncludeInactive() || !t.hasRevokeTime())
                .sorted((a, b) -> a.getId().compareTo(b.getId()))
                .toList());
    int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
    int to = Math.min(all.size(), from + 2);
    reply(
        response,
        ListApiTokensResponse.newBuilder()
            .addAllTokens(all.subList(from, to))
            .setNextPageToken(to < all.size() ? String.valueOf(to) : "")
            .build());
  }

  @Override
  public void revokeApiToken(RevokeApiTokenRequest request, StreamObserver<ApiToken> response) {
    if (failed("RevokeApiToken", request, response)) {
      return;
    }
    ApiToken token = tokens.get(request.getId());
    if (token == null) {
      response.onError(
          Status.NOT_FOUND.withDescription("no token " + request.getId()).asRuntimeException());
      return;
    }
    if (!token.hasRevokeTime()) {
      token =
          token.toBuilder()
              .setRevokeTime(Timestamp.newBuilder().setSeconds(1_700_000_100))
              .setRevokedBy(caller.getSubject())
              .build();
      tokens.put(token.getId(), token);
    }
    reply(response, token);
  }
}
