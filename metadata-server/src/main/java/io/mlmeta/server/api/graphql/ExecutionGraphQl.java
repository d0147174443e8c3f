package io.mlmeta.server.api.graphql;

import io.mlmeta.server.api.graphql.model.Connection;
import io.mlmeta.server.api.graphql.model.ExecutionView;
import io.mlmeta.server.api.graphql.model.Inputs.ExecutionFilterInput;
import io.mlmeta.server.api.graphql.model.Inputs.ExecutionInput;
import io.mlmeta.server.api.graphql.model.Json;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.ExecutionFilter;
import io.mlmeta.server.domain.ExecutionState;
import io.mlmeta.server.domain.ExecutionUpdate;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.service.ExecutionService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.jspecify.annotations.Nullable;

/** Executions over GraphQL. */
@GraphQLApi
public class ExecutionGraphQl {

  @Inject CallerIdentity caller;
  @Inject ExecutionService executions;

  @Query
  @Description("An execution by id.")
  public ExecutionView execution(@Id @NonNull String id) {
    return ExecutionView.from(executions.get(caller.principal(), Json.id("id", id)));
  }

  @Query
  @Description("Executions of a workspace matching the filter, oldest first.")
  public Connection<ExecutionView> executions(
      @NonNull String workspace,
      @Nullable ExecutionFilterInput filter,
      @DefaultValue("100") @Nullable Integer first,
      @Nullable String after) {
    ExecutionFilter domainFilter = ExecutionFilterInput.toDomain(filter);
    return Connection.of(
        executions.list(caller.principal(), workspace, domainFilter, PageRequest.of(first, after)),
        domainFilter,
        Execution::id,
        ExecutionView::from);
  }

  @Mutation
  @Description("Creates an execution; an external id already used returns that execution.")
  public ExecutionView createExecution(
      @NonNull String workspace, @NonNull ExecutionInput execution) {
    return ExecutionView.from(
        executions.create(caller.principal(), workspace, execution.toDomain("execution")));
  }

  @Mutation
  @Description(
      "Moves an execution along legal state transitions (NEW, RUNNING, then one final state) and"
          + " merges a JSON properties patch.")
  public ExecutionView updateExecution(
      @Id @NonNull String id,
      @Nullable ExecutionState state,
      @Nullable String propertiesPatch,
      @Nullable String errorMessage) {
    return ExecutionView.from(
        executions.update(
            caller.principal(),
            new ExecutionUpdate(
                Json.id("id", id),
                state,
                Json.object("propertiesPatch", propertiesPatch),
                errorMessage)));
  }
}
