package io.mlmeta.server.api.grpc.mapper;

import static io.mlmeta.server.api.grpc.mapper.ProtoMapper.timestamp;

import io.mlmeta.proto.v1.ApiToken;
import io.mlmeta.proto.v1.Caller;
import io.mlmeta.proto.v1.CallerKind;
import io.mlmeta.proto.v1.Grant;
import io.mlmeta.proto.v1.Grantee;
import io.mlmeta.proto.v1.GranteeKind;
import io.mlmeta.proto.v1.Role;
import io.mlmeta.proto.v1.WorkspaceRole;
import io.mlmeta.server.domain.CallerAccess;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.identity.Principal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Access types between protobuf and the domain. */
public final class AccessProtoMapper {

  private AccessProtoMapper() {}

  public static Caller toProto(CallerAccess access) {
    Principal principal = access.principal();
    return Caller.newBuilder()
        .setSubject(principal.subject())
        .addAllGroups(principal.groups().stream().sorted().toList())
        .setKind(
            switch (principal.kind()) {
              case USER -> CallerKind.CALLER_USER;
              case SERVICE_ACCOUNT -> CallerKind.CALLER_SERVICE_ACCOUNT;
              case TOKEN -> CallerKind.CALLER_TOKEN;
              case ANONYMOUS -> CallerKind.CALLER_ANONYMOUS;
            })
        .setAdmin(access.admin())
        .addAllRoles(access.roles().stream().map(AccessProtoMapper::toProto).toList())
        .build();
  }

  public static WorkspaceRole toProto(io.mlmeta.server.domain.WorkspaceRole role) {
    return WorkspaceRole.newBuilder()
        .setWorkspace(role.workspace())
        .setRole(toProto(role.role()))
        .build();
  }

  public static Grant toProto(io.mlmeta.server.domain.Grant grant) {
    return Grant.newBuilder()
        .setWorkspace(grant.workspace())
        .setGrantee(
            Grantee.newBuilder()
                .setKind(
                    switch (grant.grantee().kind()) {
                      case USER -> GranteeKind.GRANTEE_USER;
                      case GROUP -> GranteeKind.GRANTEE_GROUP;
                      case TOKEN -> GranteeKind.GRANTEE_TOKEN;
                    })
                .setName(grant.grantee().name()))
        .setRole(toProto(grant.role()))
        .setGrantedBy(grant.grantedBy())
        .setGrantTime(timestamp(grant.grantTime()))
        .build();
  }

  public static ApiToken toProto(io.mlmeta.server.domain.ApiToken token) {
    ApiToken.Builder proto =
        ApiToken.newBuilder()
            .setId(token.id())
            .setName(token.name())
            .setAdmin(token.admin())
            .addAllScopes(token.scopes().stream().map(AccessProtoMapper::toProto).toList())
            .setCreatedBy(token.createdBy())
            .setCreateTime(timestamp(token.createTime()));
    if (token.expireTime() != null) {
      proto.setExpireTime(timestamp(token.expireTime()));
    }
    if (token.revokeTime() != null) {
      proto.setRevokeTime(timestamp(token.revokeTime()));
    }
    if (token.revokedBy() != null) {
      proto.setRevokedBy(token.revokedBy());
    }
    return proto.build();
  }

  public static Role toProto(io.mlmeta.server.identity.Role role) {
    return switch (role) {
      case READER -> Role.READER;
      case WRITER -> Role.WRITER;
      case OWNER -> Role.OWNER;
    };
  }

  /** The role a request names; unspecified is a client error naming {@code field}. */
  public static io.mlmeta.server.identity.Role toDomain(Role role, String field) {
    return switch (role) {
      case READER -> io.mlmeta.server.identity.Role.READER;
      case WRITER -> io.mlmeta.server.identity.Role.WRITER;
      case OWNER -> io.mlmeta.server.identity.Role.OWNER;
      case ROLE_UNSPECIFIED, UNRECOGNIZED ->
          throw new InvalidArgumentException(field, "is required (READER, WRITER or OWNER)");
    };
  }

  /** The grantee kind a request names, or null when unspecified (the service says so). */
  public static io.mlmeta.server.identity.Grantee.@Nullable Kind toDomain(GranteeKind kind) {
    return switch (kind) {
      case GRANTEE_USER -> io.mlmeta.server.identity.Grantee.Kind.USER;
      case GRANTEE_GROUP -> io.mlmeta.server.identity.Grantee.Kind.GROUP;
      case GRANTEE_TOKEN -> io.mlmeta.server.identity.Grantee.Kind.TOKEN;
      case GRANTEE_KIND_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  public static List<io.mlmeta.server.domain.WorkspaceRole> scopes(List<WorkspaceRole> scopes) {
    List<io.mlmeta.server.domain.WorkspaceRole> domain = new ArrayList<>(scopes.size());
    for (int i = 0; i < scopes.size(); i++) {
      WorkspaceRole scope = scopes.get(i);
      domain.add(
          new io.mlmeta.server.domain.WorkspaceRole(
              scope.getWorkspace(), toDomain(scope.getRole(), "scopes[" + i + "].role")));
    }
    return domain;
  }
}
