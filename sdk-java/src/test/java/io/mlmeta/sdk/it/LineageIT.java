package io.mlmeta.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.sdk.Execution;
import io.mlmeta.sdk.ExecutionBatch;
import io.mlmeta.sdk.ExecutionRecord;
import io.mlmeta.sdk.RecordedExecution;
import io.mlmeta.sdk.Run;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.lineage.Impact;
import io.mlmeta.sdk.lineage.Lineage;
import io.mlmeta.sdk.lineage.LineageNode;
import io.mlmeta.sdk.lineage.LineagePath;
import io.mlmeta.sdk.lineage.NodeKey;
import io.mlmeta.sdk.lineage.NodeKind;
import io.mlmeta.sdk.model.ArtifactDetails;
import io.mlmeta.sdk.model.ArtifactQuery;
import io.mlmeta.sdk.model.DataSet;
import io.mlmeta.sdk.model.Event;
import io.mlmeta.sdk.model.ExecutionDetails;
import io.mlmeta.sdk.model.ExecutionState;
import io.mlmeta.sdk.model.Metrics;
import io.mlmeta.sdk.model.Model;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lineage walks, impact, paths and detail reads against a real server. */
class LineageIT {

  @Test
  void walksPagesImpactAndPathsOverARealGraph() {
    try (Store store = Store.builder().target(ServerTarget.require()).build()) {
      Workspace ws = Workspace.create(store, ServerTarget.unique("lineage"));
      Run run = Run.create(ws, "run-1");
      Execution train = Execution.create("train", ws, run, null, "Train");
      DataSet data =
          train.logInput(DataSet.builder().uri("gs://b/data").name("data").version("v1").build());
      Model model = train.logOutput(Model.builder().uri("gs://b/model").name("m").build());
      train.complete();
      RecordedExecution deploy;
      try (ExecutionBatch batch = store.batch(ws)) {
        java.util.concurrent.CompletableFuture<RecordedExecution> recorded =
            batch.record(
                ExecutionRecord.builder("deploy")
                    .type("Deploy")
                    .properties(Map.of("endpoint", "https://serve/m", "traffic_percent", 10))
                    .input(model)
                    .output(Metrics.builder().uri("gs://b/online").name("online").build())
                    .build());
        batch.flush();
        deploy = recorded.join();
      }

      Lineage down = store.lineage(data.id()).downstream().pageSize(1).fetchAll();
      assertThat(down.nodes())
          .extracting(LineageNode::key)
          .contains(
              "artifact:" + data.id(),
              "execution:" + train.id(),
              "artifact:" + model.id(),
              "execution:" + deploy.execution().id(),
              "artifact:" + deploy.outputs().get(0).id());
      assertThat(down.edges()).hasSize(4);

      Lineage executionsOnly =
          store.lineage(data.id()).downstream().kinds(NodeKind.EXECUTION).fetchAll();
      assertThat(executionsOnly.nodes()).allMatch(LineageNode::isExecution);

      Lineage stopped = store.lineage(data.id()).downstream().stopAt("Model").fetchAll();
      assertThat(stopped.node("execution:" + deploy.execution().id())).isEmpty();

      Impact impact = store.impact(data.id());
      assertThat(impact.byType()).containsKeys("Model", "Deploy");

      List<LineagePath> paths = store.paths("artifact:" + data.id(), "artifact:" + model.id());
      assertThat(paths).isNotEmpty();
      assertThat(paths.get(0).nodes()).hasSize(3);

      ExecutionDetails details = store.executionDetails(deploy.execution().id());
      assertThat(details.type()).isEqualTo("Deploy");
      assertThat(details.properties()).containsEntry("traffic_percent", 10);
      assertThat(details.state()).isEqualTo(ExecutionState.COMPLETE);

      List<Event> events = store.events(new NodeKey(NodeKind.ARTIFACT, model.id()));
      assertThat(events).extracting(Event::executionId).contains(train.id());

      List<ArtifactDetails> metrics =
          ws.artifacts(Metrics.TYPE, ArtifactQuery.all(), Integer.MAX_VALUE);
      assertThat(metrics).extracting(ArtifactDetails::name).containsExactly("online");
      assertThat(ws.executions(null, null, run.id(), 100))
          .extracting(ExecutionDetails::id)
          .containsExactly(train.id());
      assertThat(store.workspaces()).extracting(Workspace::name).contains(ws.name());
      assertThat(store.mirrorStatus()).isNotNull();
    }
  }
}
