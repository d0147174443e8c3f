package io.mlmeta.server.api.grpc;

import static io.mlmeta.server.api.grpc.GrpcCalls.unary;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.AccessServiceGrpc;
import io.mlmeta.proto.v1.ApiToken;
import io.mlmeta.proto.v1.Caller;
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
import io.mlmeta.proto.v1.WhoAmIRequest;
import io.mlmeta.server.api.grpc.mapper.AccessProtoMapper;
import io.mlmeta.server.api.grpc.mapper.ProtoMapper;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.domain.NewApiToken;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.service.AccessService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;

/** Who am I, grants and API tokens over gRPC. */
@GrpcService
@Blocking
public class AccessGrpcService implements BindableService, AccessServiceGrpc.AsyncService {

  @Inject CallerIdentity caller;
  @Inject AccessService access;

  @Override
  public ServerServiceDefinition bindService() {
    return TolerantRequests.wrap(AccessServiceGrpc.bindService(this));
  }

  @Override
  public void whoAmI(WhoAmIRequest r, StreamObserver<Caller> response) {
    unary(response, () -> AccessProtoMapper.toProto(access.whoami(caller.principal())));
  }

  @Override
  public void grantRole(GrantRoleRequest r, StreamObserver<Grant> response) {
    unary(
        response,
        () ->
            AccessProtoMapper.toProto(
                access.grant(
                    caller.principal(),
                    r.getWorkspace(),
                    AccessProtoMapper.toDomain(r.getGrantee().getKind()),
                    r.getGrantee().getName(),
                    AccessProtoMapper.toDomain(r.getRole(), "role"))));
  }

  @Override
  public void revokeRole(RevokeRoleRequest r, StreamObserver<RevokeRoleResponse> response) {
    unary(
        response,
        () ->
            RevokeRoleResponse.newBuilder()
                .setRevoked(
                    access.revoke(
                        caller.principal(),
                        r.getWorkspace(),
                        AccessProtoMapper.toDomain(r.getGrantee().getKind()),
                        r.getGrantee().getName()))
                .build());
  }

  @Override
  public void listGrants(ListGrantsRequest r, StreamObserver<ListGrantsResponse> response) {
    unary(
        response,
        () ->
            ListGrantsResponse.newBuilder()
                .addAllGrants(
                    access.grants(caller.principal(), r.getWorkspace()).stream()
                        .map(AccessProtoMapper::toProto)
                        .toList())
                .build());
  }

  @Override
  public void createApiToken(
      CreateApiTokenRequest r, StreamObserver<CreateApiTokenResponse> response) {
    unary(
        response,
        () -> {
          NewApiToken created =
              access.createToken(
                  caller.principal(),
                  r.getName(),
                  AccessProtoMapper.scopes(r.getScopesList()),
                  r.getAdmin(),
                  r.hasExpireTime() ? ProtoMapper.instant(r.getExpireTime()) : null);
          return CreateApiTokenResponse.newBuilder()
              .setToken(AccessProtoMapper.toProto(created.token()))
              .setSecret(created.bearer())
              .build();
        });
  }

  @Override
  public void listApiTokens(
      ListApiTokensRequest r, StreamObserver<ListApiTokensResponse> response) {
    unary(
        response,
        () -> {
          var page =
              access.tokens(
                  caller.principal(),
                  new PageRequest(r.getPageSize(), r.getPageToken()),
                  r.getIncludeInactive());
          return ListApiTokensResponse.newBuilder()
              .addAllTokens(page.items().stream().map(AccessProtoMapper::toProto).toList())
              .setNextPageToken(page.nextPageToken() == null ? "" : page.nextPageToken())
              .build();
        });
  }

  @Override
  public void revokeApiToken(RevokeApiTokenRequest r, StreamObserver<ApiToken> response) {
    unary(
        response,
        () -> AccessProtoMapper.toProto(access.revokeToken(caller.principal(), r.getId())));
  }
}
