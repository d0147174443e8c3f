package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.ExecutionState;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@Name("Execution")
@Description("A run of a component: training, a tuning trial, an evaluation, a deployment.")
public record ExecutionView(
    @Id @NonNull String id,
    @NonNull String workspace,
    @NonNull String type,
    @Nullable String externalId,
    @NonNull String name,
    @NonNull String description,
    @NonNull List<@NonNull Label> labels,
    @NonNull ExecutionState state,
    @Description("Type-specific properties, as a JSON object text.") @NonNull String properties,
    @Nullable String errorMessage,
    @Nullable Instant startTime,
    @Nullable Instant endTime,
    @NonNull Instant createTime,
    @NonNull Instant updateTime) {

  public static ExecutionView from(Execution e) {
    return new ExecutionView(
        String.valueOf(e.id()),
        e.workspace(),
        e.type(),
        e.externalId(),
        e.name(),
        e.description(),
        Label.from(e.labels()),
        e.state(),
        Json.write(e.properties()),
        e.errorMessage(),
        e.startTime(),
        e.endTime(),
        e.createTime(),
        e.updateTime());
  }
}
