package io.mlmeta.server.api.graphql;

import io.mlmeta.server.api.graphql.model.Connection;
import io.mlmeta.server.api.graphql.model.ContextView;
import io.mlmeta.server.api.graphql.model.Inputs;
import io.mlmeta.server.api.graphql.model.Inputs.ContextFilterInput;
import io.mlmeta.server.api.graphql.model.Inputs.ContextInput;
import io.mlmeta.server.api.graphql.model.Json;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.domain.Context;
import io.mlmeta.server.domain.ContextFilter;
import io.mlmeta.server.domain.ContextUpdate;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.service.ContextService;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.jspecify.annotations.Nullable;

/** Contexts (runs, experiments, custom) over GraphQL. */
@GraphQLApi
public class ContextGraphQl {

  @Inject CallerIdentity caller;
  @Inject ContextService contexts;

  @Query
  @Description("A context by id.")
  public ContextView context(@Id @NonNull String id) {
    return ContextView.from(contexts.get(caller.principal(), Json.id("id", id)));
  }

  @Query
  @Description("Contexts of a workspace matching the filter, oldest first.")
  public Connection<ContextView> contexts(
      @NonNull String workspace,
      @Nullable ContextFilterInput filter,
      @DefaultValue("100") @Nullable Integer first,
      @Nullable String after) {
    ContextFilter domainFilter = ContextFilterInput.toDomain(filter);
    return Connection.of(
        contexts.list(caller.principal(), workspace, domainFilter, PageRequest.of(first, after)),
        domainFilter,
        Context::id,
        ContextView::from);
  }

  @Mutation
  @Description(
      "Creates a context; names are unique per workspace and type, and with reuseIfExists the"
          + " existing context is returned.")
  public ContextView createContext(
      @NonNull String workspace,
      @NonNull ContextInput context,
      @DefaultValue("false") @Nullable Boolean reuseIfExists) {
    return ContextView.from(
        contexts.create(
            caller.principal(),
            workspace,
            context.toDomain("context"),
            Boolean.TRUE.equals(reuseIfExists)));
  }

  @Mutation
  @Description("Changes a context's description, merges a properties patch and adds parents.")
  public ContextView updateContext(
      @Id @NonNull String id,
      @Nullable String description,
      @Nullable String propertiesPatch,
      @Nullable List<String> addParentContextIds) {
    return ContextView.from(
        contexts.update(
            caller.principal(),
            new ContextUpdate(
                Json.id("id", id),
                description,
                Json.object("propertiesPatch", propertiesPatch),
                Inputs.ids("addParentContextIds", addParentContextIds))));
  }

  @Mutation
  @Description("Attributes artifacts to and associates executions with a context, idempotently.")
  public ContextView linkToContext(
      @Id @NonNull String contextId,
      @Nullable List<String> artifactIds,
      @Nullable List<String> executionIds) {
    long id = Json.id("contextId", contextId);
    contexts.link(
        caller.principal(),
        id,
        Inputs.ids("artifactIds", artifactIds),
        Inputs.ids("executionIds", executionIds));
    return ContextView.from(contexts.get(caller.principal(), id));
  }
}
