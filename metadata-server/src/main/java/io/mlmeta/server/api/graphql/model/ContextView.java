package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.Context;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@Name("Context")
@Description("A group of artifacts and executions, such as a Run or an Experiment.")
public record ContextView(
    @Id @NonNull String id,
    @NonNull String workspace,
    @NonNull String type,
    @Nullable String externalId,
    @NonNull String name,
    @NonNull String description,
    @NonNull List<@NonNull Label> labels,
    @Description("Type-specific properties, as a JSON object text.") @NonNull String properties,
    @NonNull Instant createTime,
    @NonNull Instant updateTime) {

  public static ContextView from(Context c) {
    return new ContextView(
        String.valueOf(c.id()),
        c.workspace(),
        c.type(),
        c.externalId(),
        c.name(),
        c.description(),
        Label.from(c.labels()),
        Json.write(c.properties()),
        c.createTime(),
        c.updateTime());
  }
}
