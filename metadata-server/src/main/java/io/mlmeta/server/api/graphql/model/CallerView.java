package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.identity.Principal;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Who the server takes the caller to be.")
public record CallerView(
    @NonNull @Description("Token subject, proxy user name, or 'anonymous'.") String subject,
    @NonNull @Description("Groups, sorted.") List<@NonNull String> groups,
    @NonNull @Description("How the caller was identified.") CallerKind kind) {

  public static CallerView from(Principal principal) {
    return new CallerView(
        principal.subject(),
        principal.groups().stream().sorted().toList(),
        CallerKind.valueOf(principal.kind().name()));
  }
}
