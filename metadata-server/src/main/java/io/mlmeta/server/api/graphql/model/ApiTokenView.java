package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.ApiToken;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import org.jspecify.annotations.Nullable;

@Type("ApiToken")
@Description("An API token for machines and CI; its secret is shown once, at creation.")
public record ApiTokenView(
    @NonNull @Description("The public part of the bearer value mlm_<id>_<secret>.") String id,
    @NonNull String name,
    @NonNull Boolean admin,
    @NonNull @Description("The token's current roles (its grants).")
        List<@NonNull WorkspaceRoleView> scopes,
    @NonNull String createdBy,
    @NonNull Instant createTime,
    @Description("Null when the token does not expire.") @Nullable Instant expireTime,
    @Nullable Instant revokeTime,
    @Nullable String revokedBy) {

  public static ApiTokenView from(ApiToken token) {
    return new ApiTokenView(
        token.id(),
        token.name(),
        token.admin(),
        token.scopes().stream().map(WorkspaceRoleView::from).toList(),
        token.createdBy(),
        token.createTime(),
        token.expireTime(),
        token.revokeTime(),
        token.revokedBy());
  }
}
