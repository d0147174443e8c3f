package io.mlmeta.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.sdk.Execution;
import io.mlmeta.sdk.Run;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.model.ArtifactQuery;
import io.mlmeta.sdk.model.Model;
import io.mlmeta.sdk.model.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Typed, filtered and paged artifact listings. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingIT {

  private Store store;
  private Workspace ws;
  private Run run2;
  private final List<Model> models = new ArrayList<>();

  @BeforeAll
  void seed() {
    store = Store.builder().target(ServerTarget.require()).build();
    ws = Workspace.create(store, ServerTarget.unique("listing"));
    Run run1 = Run.create(ws, "run-1", null);
    run2 = Run.create(ws, "run-2", null);
    for (int i = 1; i <= 5; i++) {
      Execution exec = Execution.create("train-" + i, ws, i <= 3 ? run1 : run2, null, "Train");
      models.add(
          exec.logOutput(
              Model.builder()
                  .uri("gs://b/model")
                  .name("model")
                  .version("v" + i)
                  .owner(i % 2 == 0 ? "even" : "odd")
                  .labels(Map.of("parity", i % 2 == 0 ? "even" : "odd"))
                  .build()));
    }
  }

  @AfterAll
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void listReturnsEveryPage() {
    assertThat(ws.list(Model.class)).containsExactlyElementsOf(models);
    assertThat(ws.list(Model.class, ArtifactQuery.builder().pageSize(2).build(), Integer.MAX_VALUE))
        .containsExactlyElementsOf(models);
  }

  @Test
  void pagesFollowTokens() {
    ArtifactQuery query = ArtifactQuery.builder().pageSize(2).build();
    Page<Model> first = ws.list(Model.class, query);
    Page<Model> second = ws.list(Model.class, query.withPageToken(first.nextPageToken()));
    Page<Model> third = ws.list(Model.class, query.withPageToken(second.nextPageToken()));

    assertThat(first.items()).containsExactlyElementsOf(models.subList(0, 2));
    assertThat(second.items()).containsExactlyElementsOf(models.subList(2, 4));
    assertThat(third.items()).containsExactlyElementsOf(models.subList(4, 5));
    assertThat(third.hasNext()).isFalse();
  }

  @Test
  void filtersNarrowTheResult() {
    assertThat(ws.list(Model.class, ArtifactQuery.builder().version("v3").build()).items())
        .containsExactly(models.get(2));
    assertThat(
            ws.list(Model.class, ArtifactQuery.builder().labels(Map.of("parity", "even")).build())
                .items())
        .containsExactly(models.get(1), models.get(3));
    assertThat(
            ws.list(
                    Model.class,
                    ArtifactQuery.builder().propertiesContain(Map.of("owner", "odd")).build())
                .items())
        .containsExactly(models.get(0), models.get(2), models.get(4));
    assertThat(ws.list(Model.class, ArtifactQuery.builder().contextId(run2.id()).build()).items())
        .containsExactly(models.get(3), models.get(4));
  }
}
