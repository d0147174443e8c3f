package io.mlmeta.sdk.grpc;

import io.mlmeta.proto.v1.CallerKind;
import io.mlmeta.proto.v1.GranteeKind;
import io.mlmeta.proto.v1.WorkspaceRole;
import io.mlmeta.sdk.access.ApiToken;
import io.mlmeta.sdk.access.Caller;
import io.mlmeta.sdk.access.Grant;
import io.mlmeta.sdk.access.Grantee;
import io.mlmeta.sdk.access.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mapping between the AccessService messages and the SDK's access records. Internal to the SDK. */
public final class AccessProtos {

  private AccessProtos() {}

  /** The caller of a WhoAmI answer. */
  public static Caller caller(io.mlmeta.proto.v1.Caller proto) {
    return new Caller(
        proto.getSubject(),
        proto.getGroupsList(),
        callerKind(proto.getKind()),
        proto.getAdmin(),
        roles(proto.getRolesList()));
  }

  /** A grant. */
  public static Grant grant(io.mlmeta.proto.v1.Grant proto) {
    return new Grant(
        proto.getWorkspace(),
        grantee(proto.getGrantee()),
        role(proto.getRole()),
        proto.getGrantedBy(),
        proto.hasGrantTime() ? Protos.instant(proto.getGrantTime()) : null);
  }

  /** An API token. */
  public static ApiToken token(io.mlmeta.proto.v1.ApiToken proto) {
    return new ApiToken(
        proto.getId(),
        proto.getName(),
        proto.getAdmin(),
        roles(proto.getScopesList()),
        proto.getCreatedBy(),
        proto.hasCreateTime() ? Protos.instant(proto.getCreateTime()) : null,
        proto.hasExpireTime() ? Protos.instant(proto.getExpireTime()) : null,
        proto.hasRevokeTime() ? Protos.instant(proto.getRevokeTime()) : null,
        proto.getRevokedBy().isEmpty() ? null : proto.getRevokedBy());
  }

  /** A grantee as sent. */
  public static io.mlmeta.proto.v1.Grantee grantee(Grantee grantee) {
    GranteeKind kind =
        switch (grantee.kind()) {
          case USER -> GranteeKind.GRANTEE_USER;
          case GROUP -> GranteeKind.GRANTEE_GROUP;
          case TOKEN -> GranteeKind.GRANTEE_TOKEN;
        };
    return io.mlmeta.proto.v1.Grantee.newBuilder().setKind(kind).setName(grantee.name()).build();
  }

  /** A role as sent. */
  public static io.mlmeta.proto.v1.Role role(Role role) {
    return switch (role) {
      case READER -> io.mlmeta.proto.v1.Role.READER;
      case WRITER -> io.mlmeta.proto.v1.Role.WRITER;
      case OWNER -> io.mlmeta.proto.v1.Role.OWNER;
    };
  }

  /** Workspace roles as sent, in the map's order. */
  public static List<WorkspaceRole> scopes(Map<String, Role> scopes) {
    return scopes.entrySet().stream()
        .map(
            e ->
                WorkspaceRole.newBuilder()
                    .setWorkspace(e.getKey())
                    .setRole(role(e.getValue()))
                    .build())
        .toList();
  }

  private static Grantee grantee(io.mlmeta.proto.v1.Grantee proto) {
    Grantee.Kind kind =
        switch (proto.getKind()) {
          case GRANTEE_USER -> Grantee.Kind.USER;
          case GRANTEE_GROUP -> Grantee.Kind.GROUP;
          case GRANTEE_TOKEN -> Grantee.Kind.TOKEN;
          case GRANTEE_KIND_UNSPECIFIED, UNRECOGNIZED ->
              throw new IllegalArgumentException("unknown grantee kind " + proto.getKind());
        };
    return new Grantee(kind, proto.getName());
  }

  private static Role role(io.mlmeta.proto.v1.Role proto) {
    return switch (proto) {
      case READER -> Role.READER;
      case WRITER -> Role.WRITER;
      case OWNER -> Role.OWNER;
      case ROLE_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("unknown role " + proto);
    };
  }

  private static Map<String, Role> roles(List<WorkspaceRole> roles) {
    Map<String, Role> byWorkspace = new LinkedHashMap<>();
    roles.forEach(r -> byWorkspace.put(r.getWorkspace(), role(r.getRole())));
    return byWorkspace;
  }

  private static io.mlmeta.sdk.access.CallerKind callerKind(CallerKind proto) {
    return switch (proto) {
      case CALLER_USER -> io.mlmeta.sdk.access.CallerKind.USER;
      case CALLER_SERVICE_ACCOUNT -> io.mlmeta.sdk.access.CallerKind.SERVICE_ACCOUNT;
      case CALLER_TOKEN -> io.mlmeta.sdk.access.CallerKind.TOKEN;
      case CALLER_ANONYMOUS -> io.mlmeta.sdk.access.CallerKind.ANONYMOUS;
      case CALLER_KIND_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("unknown caller kind " + proto);
    };
  }
}
