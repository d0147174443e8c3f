package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.Workspace;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Workspace")
@Description("The tenant boundary: every artifact, execution and context belongs to one workspace.")
public record WorkspaceView(
    @Id @NonNull String id,
    @NonNull String name,
    @NonNull String description,
    @NonNull List<@NonNull Label> labels,
    @NonNull Instant createTime,
    @NonNull Instant updateTime) {

  public static WorkspaceView from(Workspace w) {
    return new WorkspaceView(
        String.valueOf(w.id()),
        w.name(),
        w.description(),
        Label.from(w.labels()),
        w.createTime(),
        w.updateTime());
  }
}
