package io.mlmeta.server.api.graphql;

import io.mlmeta.server.api.graphql.model.ChangeLogViews.ChangeRecordView;
import io.mlmeta.server.api.graphql.model.ChangeLogViews.VerificationView;
import io.mlmeta.server.api.graphql.model.Connection;
import io.mlmeta.server.api.graphql.model.Json;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.changelog.ChangeHistory;
import io.mlmeta.server.changelog.ChangeLogVerifier;
import io.mlmeta.server.domain.ChangeRecord;
import io.mlmeta.server.domain.PageRequest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.jspecify.annotations.Nullable;

/** The change log over GraphQL. */
@GraphQLApi
public class ChangeLogGraphQl {

  @Inject CallerIdentity caller;
  @Inject ChangeLogVerifier verifier;
  @Inject ChangeHistory histories;

  @Query
  @Description(
      "What the change log holds about one artifact, execution or context (the changes of its"
          + " own row), or about everything in a workspace, newest first. Name exactly one.")
  public @NonNull Connection<ChangeRecordView> history(
      @Id @Nullable String artifactId,
      @Id @Nullable String executionId,
      @Id @Nullable String contextId,
      @Nullable String workspace,
      @DefaultValue("50") @Nullable Integer first,
      @Nullable String after) {
    ChangeHistory.History history =
        histories.history(
            caller.principal(),
            new ChangeHistory.Subject(
                artifactId == null ? null : Json.id("artifactId", artifactId),
                executionId == null ? null : Json.id("executionId", executionId),
                contextId == null ? null : Json.id("contextId", contextId),
                workspace),
            PageRequest.of(first, after));
    return Connection.of(
        history.page(), history.cursorFilter(), ChangeRecord::sequence, ChangeRecordView::from);
  }

  @Query
  @Description(
      "Recomputes the change log's hash chain from PostgreSQL and lists every entry that was"
          + " changed, removed or moved since it was chained (admin only).")
  public @NonNull VerificationView verifyChangeLog() {
    return VerificationView.from(verifier.verify(caller.principal()));
  }
}
