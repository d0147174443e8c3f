package io.mlmeta.server.api.graphql;

import io.mlmeta.server.api.graphql.model.ChangeLogViews.VerificationView;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.changelog.ChangeLogVerifier;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The change log over GraphQL. */
@GraphQLApi
public class ChangeLogGraphQl {

  @Inject CallerIdentity caller;
  @Inject ChangeLogVerifier verifier;

  @Query
  @Description(
      "Recomputes the change log's hash chain from PostgreSQL and lists every entry that was"
          + " changed, removed or moved since it was chained (admin only).")
  public @NonNull VerificationView verifyChangeLog() {
    return VerificationView.from(verifier.verify(caller.principal()));
  }
}
