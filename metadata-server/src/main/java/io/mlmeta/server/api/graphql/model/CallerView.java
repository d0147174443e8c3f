package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.CallerAccess;
import io.mlmeta.server.identity.Principal;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Who the server takes the caller to be, and what it may do.")
public record CallerView(
    @NonNull @Description("Token subject, proxy user name, API token id, or 'anonymous'.")
        String subject,
    @NonNull @Description("Groups, sorted.") List<@NonNull String> groups,
    @NonNull @Description("How the caller was identified.") CallerKind kind,
    @NonNull @Description("A global admin: types, mirror administration, tokens, every workspace.")
        Boolean admin,
    @NonNull @Description("The caller's role in each workspace it has one in, by workspace name.")
        List<@NonNull WorkspaceRoleView> roles) {

  public static CallerView from(CallerAccess access) {
    Principal principal = access.principal();
    return new CallerView(
        principal.subject(),
        principal.groups().stream().sorted().toList(),
        CallerKind.valueOf(principal.kind().name()),
        access.admin(),
        access.roles().stream().map(WorkspaceRoleView::from).toList());
  }
}
