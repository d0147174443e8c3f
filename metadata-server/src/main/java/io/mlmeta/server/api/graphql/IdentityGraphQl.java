package io.mlmeta.server.api.graphql;

import io.mlmeta.server.api.graphql.model.ApiTokenView;
import io.mlmeta.server.api.graphql.model.CallerView;
import io.mlmeta.server.api.graphql.model.Connection;
import io.mlmeta.server.api.graphql.model.CreatedApiTokenView;
import io.mlmeta.server.api.graphql.model.GrantView;
import io.mlmeta.server.api.graphql.model.GranteeKind;
import io.mlmeta.server.api.graphql.model.WorkspaceRoleView;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.WorkspaceRole;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.Role;
import io.mlmeta.server.service.AccessService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.jspecify.annotations.Nullable;

/** Identity and access over GraphQL: who am I, grants and API tokens. */
@GraphQLApi
public class IdentityGraphQl {

  @Inject CallerIdentity caller;
  @Inject AccessService access;

  @Query
  @NonNull
  @Description("The caller as this server identified it, with its admin flag and roles.")
  public CallerView whoami() {
    return CallerView.from(access.whoami(caller.principal()));
  }

  @Query
  @NonNull
  @Description("The grants of a workspace; any role there may read them.")
  public List<@NonNull GrantView> grants(@NonNull String workspace) {
    return access.grants(caller.principal(), workspace).stream().map(GrantView::from).toList();
  }

  @Mutation
  @NonNull
  @Description(
      "Gives a user, group or API token a role in a workspace, replacing the role it had there."
          + " Needs the owner role.")
  public GrantView grantRole(
      @NonNull String workspace,
      @NonNull GranteeKind granteeKind,
      @NonNull String grantee,
      @NonNull Role role) {
    return GrantView.from(
        access.grant(caller.principal(), workspace, granteeKind.toDomain(), grantee, role));
  }

  @Mutation
  @NonNull
  @Description(
      "Takes a grantee's role in a workspace away; false when it had none. Needs the owner role;"
          + " the last owner cannot be removed.")
  public Boolean revokeRole(
      @NonNull String workspace, @NonNull GranteeKind granteeKind, @NonNull String grantee) {
    return access.revoke(caller.principal(), workspace, granteeKind.toDomain(), grantee);
  }

  @Query
  @NonNull
  @Description("API tokens the caller created, or every token for an admin; never their secrets.")
  public Connection<ApiTokenView> apiTokens(
      @DefaultValue("100") @Nullable Integer first,
      @Nullable String after,
      @DefaultValue("false") @Nullable Boolean includeInactive) {
    Principal principal = caller.principal();
    boolean inactive = Boolean.TRUE.equals(includeInactive);
    return Connection.of(
        access.tokens(principal, PageRequest.of(first, after), inactive),
        token -> access.tokenCursor(principal, token, inactive),
        ApiTokenView::from);
  }

  @Mutation
  @NonNull
  @Description(
      "Creates an API token with roles in workspaces the caller owns (or, for an admin, an admin"
          + " token). The secret is in this answer only.")
  public CreatedApiTokenView createApiToken(
      @NonNull String name,
      @Nullable List<@Nullable WorkspaceRoleView> scopes,
      @DefaultValue("false") @Nullable Boolean admin,
      @Description("When the token stops working; null: never.") @Nullable Instant expireTime) {
    return CreatedApiTokenView.from(
        access.createToken(
            caller.principal(), name, scopes(scopes), Boolean.TRUE.equals(admin), expireTime));
  }

  private static List<WorkspaceRole> scopes(@Nullable List<@Nullable WorkspaceRoleView> scopes) {
    if (scopes == null) {
      return List.of();
    }
    List<WorkspaceRole> domain = new ArrayList<>(scopes.size());
    for (int i = 0; i < scopes.size(); i++) {
      WorkspaceRoleView scope = scopes.get(i);
      if (scope == null) {
        throw new InvalidArgumentException("scopes[" + i + "]", "must not be null");
      }
      domain.add(scope.toDomain());
    }
    return domain;
  }

  @Mutation
  @NonNull
  @Description("Revokes an API token at once; its creator or an admin may.")
  public ApiTokenView revokeApiToken(@NonNull String id) {
    return ApiTokenView.from(access.revokeToken(caller.principal(), id));
  }
}
