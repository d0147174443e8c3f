package io.mlmeta.graph.memory;

import io.mlmeta.graph.LineageGraph;
import io.mlmeta.graph.WritableLineageGraphContractTest;
import io.mlmeta.graph.model.ChangeSet;

class InMemoryLineageGraphTest extends WritableLineageGraphContractTest {

  private final InMemoryLineageGraph graph = new InMemoryLineageGraph();

  @Override
  protected LineageGraph graph() {
    return graph;
  }

  @Override
  protected void load(ChangeSet changes) {
    graph.apply(changes);
  }

  @Override
  protected void reset() {
    graph.clear();
  }
}
