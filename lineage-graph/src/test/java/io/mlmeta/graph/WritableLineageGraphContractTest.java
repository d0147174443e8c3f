package io.mlmeta.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.testsupport.GraphBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of engines that keep their own copy of the graph (memory, Neo4j): {@link
 * WritableLineageGraph#apply} and {@link WritableLineageGraph#clear} really write, and they load
 * every shared scenario. The PostgreSQL engine reads the store's tables and takes no writes, so it
 * extends only {@link LineageGraphContractTest}.
 */
public abstract class WritableLineageGraphContractTest extends LineageGraphContractTest {

  @Override
  protected abstract WritableLineageGraph graph();

  @Override
  protected final void load(ChangeSet changes) {
    graph().apply(changes);
  }

  @Override
  protected final void reset() {
    graph().clear();
  }

  @Test
  void applyingTwiceEqualsApplyingOnce() {
    GraphBuilder g = pipeline();
    graph().apply(g.changes());
    GraphCounts once = graph().counts(Scope.all());
    TraversalResult walkedOnce = traverse(query(g, "dataset"));

    graph().apply(g.changes());

    assertEquals(once, graph().counts(Scope.all()));
    assertEquals(walkedOnce, traverse(query(g, "dataset")));
    assertEquals(6, once.nodes());
    assertEquals(5, once.edges());
  }

  @Test
  void edgesNeedBothEndsAndMayJoinWorkspaces() {
    GraphBuilder g = pipeline();
    g.inWorkspace(OTHER_WORKSPACE);
    NodeKey elsewhere = g.execution("elsewhere", "Train");
    graph().apply(g.changes());

    Edge toMissing = Edge.input(g.key("dataset"), NodeKey.execution(999), GraphBuilder.EPOCH);
    assertThrows(
        IllegalArgumentException.class,
        () -> graph().apply(ChangeSet.builder().upsert(toMissing).build()));
    assertEquals(5, graph().counts(Scope.all()).edges());
    Edge acrossWorkspaces = Edge.input(g.key("dataset"), elsewhere, GraphBuilder.EPOCH);
    graph().apply(ChangeSet.builder().upsert(acrossWorkspaces).build());
    assertEquals(6, graph().counts(Scope.all()).edges());
    assertEquals(1, graph().counts(Scope.workspace(OTHER_WORKSPACE)).edges());
  }

  @Test
  void clearRemovesEverything() {
    graph().apply(pipeline().changes());
    graph().clear();

    assertEquals(new GraphCounts(Map.of(), Map.of()), graph().counts(Scope.all()));
    assertEquals(0, graph().allNodes(Scope.all()).count());
  }
}
