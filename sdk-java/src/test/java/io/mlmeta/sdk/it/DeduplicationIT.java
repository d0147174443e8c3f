package io.mlmeta.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.sdk.Execution;
import io.mlmeta.sdk.Run;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.model.DataSet;
import io.mlmeta.sdk.model.Model;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kubeflow Metadata's de-duplication of workspaces, runs, data sets and models. */
class DeduplicationIT {

  private Store store;

  @BeforeEach
  void connect() {
    store = Store.builder().target(ServerTarget.require()).build();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void workspacesAndRunsAreReusedByName() {
    String name = ServerTarget.unique("dedup");
    Workspace first = Workspace.create(store, name, "first", Map.of("a", "1"));
    Workspace again = Workspace.create(store, name, "ignored", Map.of());

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.description()).isEqualTo("first");
    assertThat(Run.create(again, "run", "x").id()).isEqualTo(Run.create(first, "run", "y").id());
  }

  @Test
  void sameDataSetAndModelAreStoredOnce() {
    Workspace ws = Workspace.create(store, ServerTarget.unique("dedup"));
    Run run = Run.create(ws, "run-1", null);
    DataSet data = DataSet.builder().uri("gs://b/d").name("d").version("v1").build();
    Model model = Model.builder().uri("gs://b/m").name("m").version("v1").build();

    Execution first = Execution.create("train-1", ws, run, null);
    DataSet d1 = first.logInput(data);
    Model m1 = first.logOutput(model);
    Execution second = Execution.create("train-2", ws, Run.create(ws, "run-2", null), null);
    DataSet d2 = second.logInput(data);
    Model m2 = second.logOutput(model);
    Model m3 = second.logOutput(model.toBuilder().version("v2").build());

    assertThat(d2.id()).isEqualTo(d1.id());
    assertThat(m2.id()).isEqualTo(m1.id());
    assertThat(m3.id()).isNotEqualTo(m1.id());
    assertThat(ws.list(DataSet.class)).containsExactly(d1);
    assertThat(ws.list(Model.class)).extracting(Model::version).containsExactly("v1", "v2");
  }

  @Test
  void savedArtifactIsLinkedById() {
    Workspace ws = Workspace.create(store, ServerTarget.unique("dedup"));
    Run run = Run.create(ws, "run-1", null);
    Model model =
        Execution.create("train", ws, run, null)
            .logOutput(Model.builder().uri("gs://b/m").name("m").build());

    Model input = Execution.create("deploy", ws, run, null, "Deploy").logInput(model);

    assertThat(input).isEqualTo(model);
  }
}
