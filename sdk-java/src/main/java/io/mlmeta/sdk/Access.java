package io.mlmeta.sdk;

import io.mlmeta.proto.v1.CreateApiTokenRequest;
import io.mlmeta.proto.v1.CreateApiTokenResponse;
import io.mlmeta.proto.v1.GrantRoleRequest;
import io.mlmeta.proto.v1.ListApiTokensRequest;
import io.mlmeta.proto.v1.ListApiTokensResponse;
import io.mlmeta.proto.v1.ListGrantsRequest;
import io.mlmeta.proto.v1.RevokeApiTokenRequest;
import io.mlmeta.proto.v1.RevokeRoleRequest;
import io.mlmeta.proto.v1.WhoAmIRequest;
import io.mlmeta.sdk.access.ApiToken;
import io.mlmeta.sdk.access.Caller;
import io.mlmeta.sdk.access.CreatedToken;
import io.mlmeta.sdk.access.Grant;
import io.mlmeta.sdk.access.Grantee;
import io.mlmeta.sdk.access.Role;
import io.mlmeta.sdk.grpc.AccessProtos;
import io.mlmeta.sdk.grpc.Protos;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, roles in workspaces and API tokens: {@code store.access()}. Workspace owners
 * grant and revoke roles there; admins may do everything.
 *
 * <pre>{@code
 * Access access = store.access();
 * access.grant("team-a", Grantee.group("team-a"), Role.WRITER);
 * CreatedToken ci = access.createToken("ci", Map.of("team-a", Role.WRITER), false, null);
 * // ci.secret() is shown this once: hand it to the CI system now
 * }</pre>
 *
 * @see io.mlmeta.sdk.error.UnauthenticatedException
 * @see io.mlmeta.sdk.error.PermissionDeniedException
 */
public final class Access {

  private final Store store;

  Access(Store store) {
    this.store = store;
  }

  /** The caller as the server identified it, with its admin flag and roles. */
  public Caller whoami() {
    return AccessProtos.caller(
        store.transport().access(true, s -> s.whoAmI(WhoAmIRequest.getDefaultInstance())));
  }

  /**
   * Gives a user, group or API token a role in a workspace, replacing the role it had there. Needs
   * {@link Role#OWNER} in the workspace.
   *
   * @throws io.mlmeta.sdk.error.NotFoundException if the workspace does not exist
   */
  public Grant grant(String workspace, Grantee grantee, Role role) {
    GrantRoleRequest request =
        GrantRoleRequest.newBuilder()
            .setWorkspace(Objects.requireNonNull(workspace, "workspace"))
            .setGrantee(AccessProtos.grantee(grantee))
            .setRole(AccessProtos.role(role))
            .build();
    return AccessProtos.grant(store.transport().access(true, s -> s.grantRole(request)));
  }

  /**
   * Takes a grantee's role in a workspace away. Needs {@link Role#OWNER}; the last owner cannot be
   * removed.
   *
   * @return false if the grantee had no role there
   */
  public boolean revoke(String workspace, Grantee grantee) {
    RevokeRoleRequest request =
        RevokeRoleRequest.newBuilder()
            .setWorkspace(Objects.requireNonNull(workspace, "workspace"))
            .setGrantee(AccessProtos.grantee(grantee))
            .build();
    return store.transport().access(true, s -> s.revokeRole(request)).getRevoked();
  }

  /** The grants of one workspace. Needs {@link Role#READER}. */
  public List<Grant> grants(String workspace) {
    ListGrantsRequest request =
        ListGrantsRequest.newBuilder()
            .setWorkspace(Objects.requireNonNull(workspace, "workspace"))
            .build();
    return store.transport().access(true, s -> s.listGrants(request)).getGrantsList().stream()
        .map(AccessProtos::grant)
        .toList();
  }

  /**
   * Creates an API token. Its bearer value is in the answer only: the server keeps a salted hash.
   * Scopes in a workspace need {@link Role#OWNER} there; an admin token needs admin. Not retried
   * after a timeout, which could leave a second token behind.
   *
   * @param name what to call it (shown in listings)
   * @param scopes its roles, by workspace name
   * @param admin whether it acts as a global admin
   * @param expires when it stops working, or null for never
   */
  public CreatedToken createToken(
      String name, Map<String, Role> scopes, boolean admin, @Nullable Instant expires) {
    CreateApiTokenRequest.Builder request =
        CreateApiTokenRequest.newBuilder()
            .setName(Objects.requireNonNull(name, "name"))
            .addAllScopes(AccessProtos.scopes(scopes))
            .setAdmin(admin);
    if (expires != null) {
      request.setExpireTime(Protos.timestamp(expires));
    }
    CreateApiTokenRequest built = request.build();
    CreateApiTokenResponse response = store.transport().access(false, s -> s.createApiToken(built));
    return new CreatedToken(AccessProtos.token(response.getToken()), response.getSecret());
  }

  /**
   * The tokens the caller created (every token for an admin), fetched page by page; never their
   * secrets.
   *
   * @param includeInactive whether to include revoked and expired tokens
   */
  public List<ApiToken> tokens(boolean includeInactive) {
    List<ApiToken> all = new ArrayList<>();
    String pageToken = "";
    do {
      ListApiTokensRequest request =
          ListApiTokensRequest.newBuilder()
              .setPageSize(1000)
              .setPageToken(pageToken)
              .setIncludeInactive(includeInactive)
              .build();
      ListApiTokensResponse page = store.transport().access(true, s -> s.listApiTokens(request));
      page.getTokensList().forEach(t -> all.add(AccessProtos.token(t)));
      pageToken = page.getNextPageToken();
    } while (!pageToken.isEmpty());
    return all;
  }

  /**
   * Revokes a token at once; its creator or an admin may. Revoking a revoked token returns it
   * unchanged.
   *
   * @throws io.mlmeta.sdk.error.NotFoundException if no token has that id
   */
  public ApiToken revokeToken(String id) {
    RevokeApiTokenRequest request =
        RevokeApiTokenRequest.newBuilder().setId(Objects.requireNonNull(id, "id")).build();
    return AccessProtos.token(store.transport().access(true, s -> s.revokeApiToken(request)));
  }
}
