package io.mlmeta.server.api.graphql;

import io.mlmeta.server.api.graphql.model.Inputs.RecordExecutionInput;
import io.mlmeta.server.api.graphql.model.RecordedExecutionView;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.service.RecordExecutionService;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

/** The atomic record-execution write over GraphQL. */
@GraphQLApi
public class RecordExecutionGraphQl {

  @Inject CallerIdentity caller;
  @Inject RecordExecutionService records;

  @Mutation
  @Description(
      "Records an execution with the artifacts it read and wrote and the contexts it belongs to,"
          + " all or nothing.")
  public RecordedExecutionView recordExecution(@NonNull RecordExecutionInput input) {
    return RecordedExecutionView.from(records.record(caller.principal(), input.toDomain()));
  }
}
