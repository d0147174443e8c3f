package io.mlmeta.server.api.graphql;

import io.mlmeta.server.api.graphql.model.CallerView;
import io.mlmeta.server.api.http.CallerIdentity;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Identity as the caller can see it. */
@GraphQLApi
public class IdentityGraphQl {

  @Inject CallerIdentity caller;

  @Query
  @NonNull
  @Description("The caller as this server identified it.")
  public CallerView whoami() {
    return CallerView.from(caller.principal());
  }
}
