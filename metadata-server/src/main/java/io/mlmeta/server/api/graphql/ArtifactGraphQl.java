package io.mlmeta.server.api.graphql;

import io.mlmeta.server.api.graphql.model.ArtifactView;
import io.mlmeta.server.api.graphql.model.Connection;
import io.mlmeta.server.api.graphql.model.Inputs.ArtifactFilterInput;
import io.mlmeta.server.api.graphql.model.Inputs.ArtifactInput;
import io.mlmeta.server.api.graphql.model.Inputs.PropertyOrderInput;
import io.mlmeta.server.api.graphql.model.Json;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.domain.ArtifactFilter;
import io.mlmeta.server.domain.ArtifactSpec;
import io.mlmeta.server.domain.ArtifactState;
import io.mlmeta.server.domain.ArtifactUpdate;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.PropertyOrder;
import io.mlmeta.server.service.ArtifactService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.jspecify.annotations.Nullable;

/** Artifacts over GraphQL. */
@GraphQLApi
public class ArtifactGraphQl {

  @Inject CallerIdentity caller;
  @Inject ArtifactService artifacts;

  @Query
  @Description("An artifact by id.")
  public ArtifactView artifact(@Id @NonNull String id) {
    return ArtifactView.from(artifacts.get(caller.principal(), Json.id("id", id)));
  }

  @Query
  @Description(
      "Artifacts of a workspace matching the filter, oldest first or in `orderBy` order (for"
          + " example the metrics with the best accuracy first).")
  public Connection<ArtifactView> artifacts(
      @NonNull String workspace,
      @Nullable ArtifactFilterInput filter,
      @Nullable PropertyOrderInput orderBy,
      @DefaultValue("100") @Nullable Integer first,
      @Nullable String after) {
    ArtifactFilter domainFilter = ArtifactFilterInput.toDomain(filter);
    PropertyOrder order = PropertyOrderInput.toDomain(orderBy);
    return Connection.of(
        artifacts.list(
            caller.principal(), workspace, domainFilter, order, PageRequest.of(first, after)),
        artifact -> artifacts.cursor(artifact, domainFilter, order),
        ArtifactView::from);
  }

  @Mutation
  @Description("Creates an artifact; an external id already used returns that artifact.")
  public ArtifactView createArtifact(@NonNull String workspace, @NonNull ArtifactInput artifact) {
    ArtifactSpec spec =
        new ArtifactSpec(
            artifact.type(),
            artifact.externalId(),
            Json.object("artifact.properties", artifact.properties()),
            artifact.state(),
            artifact.digest());
    return ArtifactView.from(artifacts.create(caller.principal(), workspace, spec));
  }

  @Mutation
  @Description(
      "Moves an artifact's state (legal transitions only), merges a JSON properties patch (null"
          + " removes a key) and sets its digest.")
  public ArtifactView updateArtifact(
      @Id @NonNull String id,
      @Nullable ArtifactState state,
      @Nullable String propertiesPatch,
      @Nullable String digest) {
    return ArtifactView.from(
        artifacts.update(
            caller.principal(),
            new ArtifactUpdate(
                Json.id("id", id),
                state,
                Json.object("propertiesPatch", propertiesPatch),
                digest)));
  }
}
