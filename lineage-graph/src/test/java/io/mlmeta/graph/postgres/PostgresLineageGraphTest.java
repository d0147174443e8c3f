package io.mlmeta.graph.postgres;

import io.mlmeta.graph.LineageGraph;
import io.mlmeta.graph.LineageGraphContractTest;
import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.testsupport.SharedPostgres;
import io.mlmeta.graph.testsupport.StoreWriter;

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
}
