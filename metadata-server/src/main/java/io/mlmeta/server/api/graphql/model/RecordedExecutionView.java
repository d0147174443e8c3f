package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.RecordedExecution;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("RecordedExecution")
@Description(
    "What recordExecution stored: the execution, its inputs and outputs in order, and contexts.")
public record RecordedExecutionView(
    @NonNull ExecutionView execution,
    @NonNull List<@NonNull ArtifactView> inputs,
    @NonNull List<@NonNull ArtifactView> outputs,
    @NonNull List<@NonNull ContextView> contexts,
    @Description(
            "Lineage outbox position of this write; pass it as a lineage query's"
                + " minPosition to read your own write from any engine.")
        long lineagePosition) {

  public static RecordedExecutionView from(RecordedExecution r) {
    return new RecordedExecutionView(
        ExecutionView.from(r.execution()),
        r.inputs().stream().map(ArtifactView::from).toList(),
        r.outputs().stream().map(ArtifactView::from).toList(),
        r.contexts().stream().map(ContextView::from).toList(),
        r.lineagePosition());
  }
}
