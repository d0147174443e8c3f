package io.mlmeta.graph.memory;

import io.mlmeta.graph.WritableLineageGraph;
import io.mlmeta.graph.WritableLineageGraphContractTest;

class InMemoryLineageGraphTest extends WritableLineageGraphContractTest {

  private final InMemoryLineageGraph graph = new InMemoryLineageGraph();

  @Override
  protected WritableLineageGraph graph() {
    return graph;
  }
}
