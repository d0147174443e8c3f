package io.mlmeta.server.api.graphql;

import io.mlmeta.server.api.graphql.model.LineageViews.MirrorReportView;
import io.mlmeta.server.api.graphql.model.LineageViews.MirrorStatusView;
import io.mlmeta.server.api.graphql.model.LineageViews.RebuildView;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.lineage.MirrorAdmin;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.jspecify.annotations.Nullable;

/** Administration of the Neo4j lineage mirror over GraphQL. */
@GraphQLApi
public class LineageAdminGraphQl {

  @Inject CallerIdentity caller;
  @Inject MirrorAdmin admin;

  @Query
  @Description("Positions, lag, reachability and leadership of the Neo4j mirror.")
  public MirrorStatusView lineageMirror() {
    return MirrorStatusView.from(admin.status(caller.principal()));
  }

  @Mutation
  @Description("Clears Neo4j and copies the whole lineage graph from PostgreSQL.")
  public RebuildView rebuildLineageMirror() {
    return RebuildView.from(admin.rebuild(caller.principal()));
  }

  @Mutation
  @Description(
      "Compares PostgreSQL and Neo4j node by node and edge by edge; with repair, writes the"
          + " differences into Neo4j.")
  public MirrorReportView checkLineageMirror(@DefaultValue("false") @Nullable Boolean repair) {
    return MirrorReportView.from(
        Boolean.TRUE.equals(repair)
            ? admin.repair(caller.principal())
            : admin.check(caller.principal()));
  }
}
