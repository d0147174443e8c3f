package io.mlmeta.graph.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlmeta.graph.GraphCounts;
import io.mlmeta.graph.LineageGraph;
import io.mlmeta.graph.LineageGraphContractTest;
import io.mlmeta.graph.Scope;
import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.testsupport.GraphBuilder;
import io.mlmeta.graph.testsupport.SharedPostgres;
import io.mlmeta.graph.testsupport.StoreWriter;
import org.junit.jupiter.api.Test;

class PostgresLineageGraphTest extends LineageGraphContractTest {

  private final PostgresLineageGraph graph = new PostgresLineageGraph(SharedPostgres.dataSource());
  private final StoreWriter store = new StoreWriter(SharedPostgres.dataSource());

  @Override
  protected LineageGraph graph() {
    return graph;
  }

  @Override
  protected void load(ChangeSet changes) {
    store.load(changes);
  }

  @Override
  protected void reset() {
    store.reset();
  }

  @Test
  void applyAndClearLeaveTheStoreAlone() {
    GraphBuilder g = loaded(pipeline());
    GraphCounts before = graph.counts(Scope.all());

    graph.apply(ChangeSet.builder().delete(g.key("model")).build());
    graph.clear();

    assertEquals(before, graph.counts(Scope.all()));
  }
}
