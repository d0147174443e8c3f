package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.Grant;
import io.mlmeta.server.identity.Role;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("Grant")
@Description("A role in a workspace given to a user, group or API token.")
public record GrantView(
    @NonNull String workspace,
    @NonNull GranteeKind granteeKind,
    @NonNull @Description("The user's subject, the group's name or the API token's id.")
        String grantee,
    @NonNull Role role,
    @NonNull @Description("Subject of the caller that gave the role.") String grantedBy,
    @NonNull Instant grantTime) {

  public static GrantView from(Grant grant) {
    return new GrantView(
        grant.workspace(),
        GranteeKind.from(grant.grantee().kind()),
        grant.grantee().name(),
        grant.role(),
        grant.grantedBy(),
        grant.grantTime());
  }
}
