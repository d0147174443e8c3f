package io.mlmeta.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.EdgeKey;
import io.mlmeta.graph.model.EdgeType;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.NodeKind;
import io.mlmeta.graph.model.Visibility;
import io.mlmeta.graph.testsupport.GraphBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every lineage graph engine must do. Each engine's test extends this class and says how to
 * load a graph into it: engines with their own storage apply the change set, the PostgreSQL engine
 * has the rows written into the store's tables.
 */
public abstract class LineageGraphContractTest {

  protected static final long WORKSPACE = 1;
  protected static final long OTHER_WORKSPACE = 2;
  protected static final Visibility VISIBLE = Visibility.workspace(WORKSPACE);

  /** The engine under test. */
  protected abstract LineageGraph graph();

  /** Makes the graph hold these changes as if the metadata server had recorded them. */
  protected abstract void load(ChangeSet changes);

  /** Empties the graph before each test. */
  protected abstract void reset();

  @BeforeEach
  void startEmpty() {
    reset();
  }

  /**
   * dataset -> train -> model -> evaluate -> metrics, and model -> deploy. Ids follow creation
   * order: dataset 1, train 2, model 3, evaluate 4, metrics 5, deploy 6.
   */
  protected static GraphBuilder pipeline() {
    GraphBuilder g = new GraphBuilder();
    NodeKey dataset = g.artifact("dataset", "Dataset");
    NodeKey train = g.execution("train", "Train");
    NodeKey model = g.artifact("model", "Model");
    NodeKey evaluate = g.execution("evaluate", "Evaluate");
    NodeKey metrics = g.artifact("metrics", "Metrics");
    NodeKey deploy = g.execution("deploy", "Deploy", "FAILED");
    g.read(dataset, train).wrote(train, model);
    g.read(model, evaluate).wrote(evaluate, metrics);
    g.read(model, deploy);
    return g;
  }

  /**
   * raw feeds two preparation branches that meet again at train; evaluate also reads raw directly,
   * a shortcut past the long way through model.
   */
  protected static GraphBuilder diamond() {
    GraphBuilder g = new GraphBuilder();
    NodeKey raw = g.artifact("raw", "Dataset");
    NodeKey prepA = g.execution("prepA", "Transform");
    NodeKey prepB = g.execution("prepB", "Transform");
    NodeKey featA = g.artifact("featA", "Dataset");
    NodeKey featB = g.artifact("featB", "Dataset");
    NodeKey train = g.execution("train", "Train");
    NodeKey model = g.artifact("model", "Model");
    NodeKey evaluate = g.execution("evaluate", "Evaluate");
    NodeKey report = g.artifact("report", "Metrics");
    g.read(raw, prepA).read(raw, prepB).wrote(prepA, featA).wrote(prepB, featB);
    g.read(featA, train).read(featB, train).wrote(train, model);
    g.read(model, evaluate).read(raw, evaluate).wrote(evaluate, report);
    return g;
  }

  /** Ten layers of six nodes, each node feeding two nodes of the next layer. */
  protected static GraphBuilder layers() {
    GraphBuilder g = new GraphBuilder();
    Random random = new Random(42);
    List<NodeKey> previous = List.of();
    for (int layer = 0; layer < 10; layer++) {
      List<NodeKey> current = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String name = "n" + layer + "_" + i;
        current.add(layer % 2 == 0 ? g.artifact(name, "Dataset") : g.execution(name, "Transform"));
      }
      for (NodeKey from : previous) {
        Set<NodeKey> targets = new HashSet<>();
        while (targets.size() < 2) {
          targets.add(current.get(random.nextInt(current.size())));
        }
        for (NodeKey to : targets.stream().sorted().toList()) {
          if (from.kind() == NodeKind.ARTIFACT) {
            g.read(from, to);
          } else {
            g.wrote(from, to);
          }
        }
      }
      previous = current;
    }
    return g;
  }

  // ---- directions and hops ----

  @Test
  void downstreamReachesEverythingMadeFromTheStart() {
    GraphBuilder g = loaded(pipeline());
    TraversalResult result = traverse(query(g, "dataset").downstream());

    assertEquals(
        List.of("dataset@0", "train@1", "model@2", "evaluate@3", "deploy@3", "metrics@4"),
        describe(g, result));
    assertEquals(
        List.of(
            "dataset->train",
            "model->evaluate",
            "model->deploy",
            "train->model",
            "evaluate->metrics"),
        edgeNames(g, result.edges()));
    assertEquals(Truncation.NONE, result.truncation());
    assertTrue(result.nextCursor().isEmpty());
    assertEquals(graph().engine(), result.engine());
  }

  @Test
  void upstreamReachesTheProvenanceButNotSideBranches() {
    GraphBuilder g = loaded(pipeline());
    TraversalResult result = traverse(query(g, "metrics").upstream());

    assertEquals(
        List.of("metrics@0", "evaluate@1", "model@2", "train@3", "dataset@4"), describe(g, result));
    assertEquals(
        List.of("dataset->train", "model->evaluate", "train->model", "evaluate->metrics"),
        edgeNames(g, result.edges()));
  }

  @Test
  void bothDirectionsIsTheUnionOfTheTwoWalksAndNeverTurnsAround() {
    GraphBuilder g = pipeline();
    NodeKey logs = g.artifact("logs", "Logs");
    g.wrote(g.key("train"), logs);
    loaded(g);

    TraversalResult result = traverse(query(g, "model").bothDirections());

    assertEquals(
        List.of("model@0", "train@1", "evaluate@1", "deploy@1", "dataset@2", "metrics@2"),
        describe(g, result));
    assertFalse(edgeNames(g, result.edges()).contains("train->logs"));
  }

  @Test
  void maxHopsCountsEveryEdgeAndIsExact() {
    GraphBuilder g = loaded(pipeline());

    assertEquals(List.of("dataset@0"), describe(g, traverse(query(g, "dataset").maxHops(0))));
    assertEquals(
        List.of("dataset@0", "train@1"), describe(g, traverse(query(g, "dataset").maxHops(1))));
    TraversalResult twoHops = traverse(query(g, "dataset").maxHops(2));
    assertEquals(List.of("dataset@0", "train@1", "model@2"), describe(g, twoHops));
    assertEquals(
        Truncation.NONE, twoHops.truncation(), "maxHops ends the walk, it does not cut it");
    assertEquals(
        List.of("model@0", "train@1"),
        describe(g, traverse(query(g, "model").upstream().maxHops(1))));
  }

  @Test
  void nodesOnSeveralPathsAppearOnceAtTheirShortestDistance() {
    GraphBuilder g = loaded(diamond());

    assertEquals(
        List.of(
            "raw@0",
            "prepA@1",
            "prepB@1",
            "evaluate@1",
            "featA@2",
            "featB@2",
            "report@2",
            "train@3",
            "model@4"),
        describe(g, traverse(query(g, "raw").downstream())));
    assertEquals(
        List.of("model@0", "train@1", "featA@2", "featB@2", "prepA@3", "prepB@3", "raw@4"),
        describe(g, traverse(query(g, "model").upstream())));
  }

  @Test
  void walksEndOnCyclicData() {
    // x reads a and rewrites it; y reads b (written by x) and writes a again.
    GraphBuilder g = new GraphBuilder();
    NodeKey a = g.artifact("a", "Dataset");
    NodeKey x = g.execution("x", "Transform");
    NodeKey b = g.artifact("b", "Dataset");
    NodeKey y = g.execution("y", "Transform");
    g.read(a, x).wrote(x, a).wrote(x, b).read(b, y).wrote(y, a);
    loaded(g);

    assertEquals(
        List.of("a@0", "x@1", "b@2", "y@3"),
        describe(g, traverse(query(g, "a").downstream().maxHops(50))));
    assertEquals(
        List.of("a@0", "x@1", "y@1", "b@2"),
        describe(g, traverse(query(g, "a").upstream().maxHops(50))));
    TraversalResult both = traverse(query(g, "a").bothDirections().maxHops(50));
    assertEquals(List.of("a@0", "x@1", "y@1", "b@2"), describe(g, both));
    assertEquals(List.of("a->x", "b->y", "x->a", "x->b", "y->a"), edgeNames(g, both.edges()));
    assertEquals(
        List.of(List.of("a", "x", "b")),
        pathNames(g, graph().paths(VISIBLE, a, b, Direction.DOWNSTREAM, 10, 5)));
  }

  @Test
  void severalStartNodesAreAllAtHopZero() {
    GraphBuilder g = loaded(pipeline());
    TraversalQuery query =
        TraversalQuery.builder(WORKSPACE, g.key("deploy"), g.key("dataset")).downstream().build();

    assertEquals(
        List.of("dataset@0", "deploy@0", "train@1", "model@2", "evaluate@3", "metrics@4"),
        describe(g, traverse(query)));
  }

  @Test
  void unknownStartNodesGiveAnEmptyCompleteResult() {
    loaded(pipeline());
    TraversalResult result =
        traverse(TraversalQuery.builder(WORKSPACE, NodeKey.artifact(999)).build());

    assertTrue(result.nodes().isEmpty());
    assertEquals(Truncation.NONE, result.truncation());
  }

  // ---- workspaces ----

  /**
   * The pipeline of workspace 1, plus another team's run in workspace 2 that reads the pipeline's
   * dataset and writes a model, which a serving run of workspace 1 reads. Ids: the pipeline's 1-6,
   * other-train 7, other-model 8, serve 9.
   */
  private static GraphBuilder sharedDataset() {
    GraphBuilder g = pipeline();
    g.inWorkspace(OTHER_WORKSPACE);
    NodeKey otherTrain = g.execution("other-train", "Train");
    NodeKey otherModel = g.artifact("other-model", "Model");
    g.read(g.key("dataset"), otherTrain).wrote(otherTrain, otherModel);
    g.inWorkspace(WORKSPACE);
    NodeKey serve = g.execution("serve", "Serve", "RUNNING");
    g.read(otherModel, serve);
    return g;
  }

  @Test
  void walksCrossWorkspacesAndRedactWhatTheCallerCannotRead() {
    GraphBuilder g = loaded(sharedDataset());

    TraversalResult seenFromOne = traverse(query(g, "dataset"));
    assertEquals(
        List.of(
            "dataset@0",
            "train@1",
            "other-train@1",
            "model@2",
            "other-model@2",
            "evaluate@3",
            "deploy@3",
            "serve@3",
            "metrics@4"),
        describe(g, seenFromOne));
    for (TraversedNode reached : seenFromOne.nodes()) {
      Node node = reached.node();
      if (node.workspaceId() == WORKSPACE) {
        assertEquals(g.node(g.name(node.key())), node);
      } else {
        assertEquals(Node.redacted(node.key()), node, "only key and kind");
      }
    }
    assertEquals(
        List.of("other-train", "other-model"),
        seenFromOne.nodes().stream()
            .filter(reached -> reached.node().redacted())
            .map(reached -> g.name(reached.node().key()))
            .toList());
    assertTrue(
        edgeNames(g, seenFromOne.edges())
            .containsAll(List.of("dataset->other-train", "other-model->serve")),
        "edges to redacted nodes are returned");

    Visibility both = Visibility.of(List.of(WORKSPACE, OTHER_WORKSPACE));
    TraversalResult seenFromBoth = traverse(TraversalQuery.builder(both, g.key("dataset")));
    assertTrue(seenFromBoth.nodes().stream().noneMatch(reached -> reached.node().redacted()));
    assertEquals(g.node("other-model"), seenFromBoth.nodes().get(4).node());

    assertTrue(
        traverse(TraversalQuery.builder(OTHER_WORKSPACE, g.key("dataset"))).nodes().isEmpty(),
        "a start the caller cannot read is ignored");
    assertEquals(
        List.of("other-train@0", "dataset@1"),
        describe(
            g, traverse(TraversalQuery.builder(OTHER_WORKSPACE, g.key("other-train")).upstream())));
  }

  @Test
  void filtersSeeOnlyTheKindOfARedactedNode() {
    GraphBuilder g = loaded(sharedDataset());

    assertEquals(
        List.of("train@1"),
        describe(g, traverse(query(g, "dataset").returning(NodeFilter.ofTypeNames("Train")))),
        "a type filter does not match the redacted Train");
    assertEquals(
        List.of("train@1", "other-train@1", "evaluate@3", "deploy@3", "serve@3"),
        describe(
            g, traverse(query(g, "dataset").returning(NodeFilter.ofKinds(NodeKind.EXECUTION)))),
        "a kind filter treats it like any execution");
    assertEquals(
        List.of("dataset@0", "train@1", "other-train@1", "model@2", "other-model@2", "serve@3"),
        describe(g, traverse(query(g, "dataset").stopAt(NodeFilter.ofTypeNames("Model")))),
        "the walk stops at the visible model but not at the redacted one");
    assertEquals(
        List.of("dataset@0", "train@1", "other-train@1", "model@2", "other-model@2"),
        describe(g, traverse(query(g, "dataset").stopAt(NodeFilter.ofKinds(NodeKind.ARTIFACT)))));
  }

  @Test
  void pathsThroughAnotherWorkspaceAreRedacted() {
    GraphBuilder g = loaded(sharedDataset());

    List<Path> paths =
        graph().paths(VISIBLE, g.key("dataset"), g.key("serve"), Direction.DOWNSTREAM, 10, 5);
    assertEquals(
        List.of(List.of("dataset", "other-train", "other-model", "serve")), pathNames(g, paths));
    assertEquals(
        List.of(false, true, true, false),
        paths.get(0).nodes().stream().map(Node::redacted).toList());
    assertEquals(3, paths.get(0).edges().size());
    assertTrue(
        graph()
            .paths(VISIBLE, g.key("dataset"), g.key("other-model"), Direction.DOWNSTREAM, 10, 5)
            .isEmpty(),
        "no paths to a node the caller cannot read");
  }

  @Test
  void anEdgeCountsForTheWorkspaceOfItsExecution() {
    GraphBuilder g = loaded(sharedDataset());

    assertEquals(7, graph().counts(Scope.workspace(WORKSPACE)).nodes());
    assertEquals(2, graph().counts(Scope.workspace(OTHER_WORKSPACE)).nodes());
    assertEquals(
        Map.of(EdgeType.INPUT, 1L, EdgeType.OUTPUT, 1L),
        graph().counts(Scope.workspace(OTHER_WORKSPACE)).edgesByType());
    assertEquals(
        List.of("dataset->other-train", "other-train->other-model"),
        edgeNames(g, graph().allEdges(Scope.workspace(OTHER_WORKSPACE)).toList()));
    assertEquals(
        Map.of(EdgeType.INPUT, 4L, EdgeType.OUTPUT, 2L),
        graph().counts(Scope.workspace(WORKSPACE)).edgesByType());
    assertEquals(g.edges().size(), graph().counts(Scope.all()).edges());
  }

  // ---- filters ----

  @Test
  void theReturnFilterChoosesNodesButDoesNotLimitTheWalk() {
    GraphBuilder g = loaded(pipeline());

    TraversalResult artifacts =
        traverse(query(g, "dataset").returning(NodeFilter.ofKinds(NodeKind.ARTIFACT)));
    assertEquals(List.of("dataset@0", "model@2", "metrics@4"), describe(g, artifacts));
    assertTrue(artifacts.edges().isEmpty(), "no two artifacts are adjacent");

    assertEquals(
        List.of("model@2"),
        describe(g, traverse(query(g, "dataset").returning(NodeFilter.ofTypeNames("Model")))));
    assertEquals(
        List.of("deploy@3"),
        describe(g, traverse(query(g, "dataset").returning(NodeFilter.ofStates("FAILED")))));
    assertEquals(
        List.of("train@1", "deploy@3"),
        describe(
            g,
            traverse(
                query(g, "dataset")
                    .returning(
                        NodeFilter.ofKinds(NodeKind.EXECUTION).withTypeNames("Train", "Deploy")))));
    assertEquals(
        List.of(),
        describe(g, traverse(query(g, "dataset").returning(NodeFilter.ofTypeNames("NoSuchType")))));
  }

  @Test
  void stopAtReturnsTheMatchingNodeButDoesNotWalkPastIt() {
    GraphBuilder g = loaded(pipeline());

    TraversalResult stopped = traverse(query(g, "dataset").stopAt(NodeFilter.ofTypeNames("Model")));
    assertEquals(List.of("dataset@0", "train@1", "model@2"), describe(g, stopped));
    assertEquals(Truncation.NONE, stopped.truncation());

    assertEquals(
        List.of("model@0", "evaluate@1", "deploy@1", "metrics@2"),
        describe(g, traverse(query(g, "model").stopAt(NodeFilter.ofTypeNames("Model")))),
        "start nodes are always walked past");
    assertEquals(
        List.of("dataset@0", "train@1"),
        describe(g, traverse(query(g, "dataset").stopAt(NodeFilter.ofKinds(NodeKind.EXECUTION)))));
    assertEquals(
        List.of("train@1"),
        describe(
            g,
            traverse(
                query(g, "dataset")
                    .stopAt(NodeFilter.ofKinds(NodeKind.EXECUTION))
                    .returning(NodeFilter.ofTypeNames("Train")))));
  }

  // ---- pages, cursors and budgets ----

  @Test
  void pagingReturnsEveryNodeAndEdgeExactlyOnceInOrder() {
    GraphBuilder g = loaded(layers());
    TraversalQuery.Builder query = query(g, "n0_0").downstream().maxHops(20);
    TraversalResult whole = traverse(query.pageSize(1_000).build());
    assertTrue(whole.nodes().size() > 20, "the layered graph fans out");

    List<TraversedNode> pagedNodes = new ArrayList<>();
    List<Edge> pagedEdges = new ArrayList<>();
    TraversalQuery page = query.pageSize(7).build();
    TraversalResult result;
    int pages = 0;
    do {
      result = traverse(page);
      pages++;
      assertTrue(result.nodes().size() <= 7);
      pagedNodes.addAll(result.nodes());
      pagedEdges.addAll(result.edges());
      if (result.truncated()) {
        assertEquals(Truncation.PAGE, result.truncation());
        page = page.withCursor(result.nextCursor().orElseThrow());
      }
    } while (result.truncated() && pages < 100);

    assertEquals(whole.nodes(), pagedNodes);
    assertEquals(Set.copyOf(whole.edges()), Set.copyOf(pagedEdges));
    assertEquals(whole.edges().size(), pagedEdges.size(), "no edge is delivered twice");
    assertEquals((whole.nodes().size() + 6) / 7, pages);
  }

  @Test
  void truncatedOnlyWhenMoreNodesFollow() {
    GraphBuilder g = loaded(pipeline());

    TraversalResult exact = traverse(query(g, "dataset").pageSize(6));
    assertEquals(6, exact.nodes().size());
    assertEquals(Truncation.NONE, exact.truncation());

    TraversalResult first = traverse(query(g, "dataset").pageSize(5));
    assertEquals(Truncation.PAGE, first.truncation());
    assertEquals(
        List.of("dataset@0", "train@1", "model@2", "evaluate@3", "deploy@3"), describe(g, first));
    TraversalResult second =
        traverse(query(g, "dataset").pageSize(5).cursor(first.nextCursor().orElseThrow()));
    assertEquals(List.of("metrics@4"), describe(g, second));
    assertEquals(List.of("evaluate->metrics"), edgeNames(g, second.edges()));
    assertEquals(Truncation.NONE, second.truncation());
  }

  @Test
  void aSpentTimeBudgetReturnsCompletedLevelsAndACursorToResume() {
    GraphBuilder g = loaded(layers());
    TraversalQuery query = query(g, "n0_0").downstream().maxHops(20).pageSize(1_000).build();
    TraversalResult whole = traverse(query);

    TraversalResult rushed = traverse(query.withTimeBudget(Duration.ofNanos(1)));
    assertEquals(Truncation.TIME_BUDGET, rushed.truncation());
    assertEquals(whole.nodes().subList(0, rushed.nodes().size()), rushed.nodes());
    assertTrue(rushed.nodes().size() < whole.nodes().size());

    TraversalResult rest = traverse(query.withCursor(rushed.nextCursor().orElseThrow()));
    List<TraversedNode> all = new ArrayList<>(rushed.nodes());
    all.addAll(rest.nodes());
    assertEquals(whole.nodes(), all);
    assertEquals(Truncation.NONE, rest.truncation());
  }

  @Test
  void aMalformedCursorIsRejected() {
    GraphBuilder g = loaded(pipeline());
    assertThrows(
        IllegalArgumentException.class, () -> traverse(query(g, "dataset").cursor("not-a-cursor")));
  }

  // ---- writes (engines with their own storage add WritableLineageGraphContractTest) ----

  @Test
  void upsertsOverwriteNodeFieldsAndEdgeTimes() {
    GraphBuilder g = loaded(pipeline());
    Node model = g.node("model");
    Node retired =
        new Node(
            model.key(),
            model.workspaceId(),
            model.typeName(),
            "DELETED",
            "model-v2",
            "s3://elsewhere",
            model.createTime());
    Edge retimed = Edge.output(g.key("train"), model.key(), GraphBuilder.EPOCH.plusSeconds(3_600));
    load(ChangeSet.builder().upsert(retired).upsert(retimed).build());

    TraversalResult result = traverse(query(g, "model").maxHops(0));
    assertEquals(retired, result.nodes().get(0).node());
    TraversalResult upstream = traverse(query(g, "model").upstream().maxHops(1));
    assertEquals(List.of(retimed), upstream.edges());
    assertEquals(5, graph().counts(Scope.all()).edges());
  }

  @Test
  void deletingANodeRemovesItsEdgesAndDeletesRepeatHarmlessly() {
    GraphBuilder g = loaded(pipeline());
    ChangeSet deletions =
        ChangeSet.builder()
            .delete(new EdgeKey(g.key("model"), g.key("deploy")))
            .delete(g.key("evaluate"))
            .build();
    load(deletions);
    load(deletions);

    assertEquals(
        List.of("dataset@0", "train@1", "model@2"), describe(g, traverse(query(g, "dataset"))));
    GraphCounts counts = graph().counts(Scope.all());
    assertEquals(5, counts.nodes());
    assertEquals(2, counts.edges());
  }

  // ---- paths ----

  @Test
  void pathsFollowOneDirection() {
    GraphBuilder g = loaded(pipeline());
    NodeKey dataset = g.key("dataset");
    NodeKey metrics = g.key("metrics");

    List<Path> downstream = graph().paths(VISIBLE, dataset, metrics, Direction.DOWNSTREAM, 10, 5);
    assertEquals(
        List.of(List.of("dataset", "train", "model", "evaluate", "metrics")),
        pathNames(g, downstream));
    Path path = downstream.get(0);
    assertEquals(4, path.hops());
    assertEquals(Direction.DOWNSTREAM, path.direction());
    assertEquals(
        List.of("dataset->train", "train->model", "model->evaluate", "evaluate->metrics"),
        edgeNames(g, path.edges()));
    assertEquals(g.node("dataset"), path.nodes().get(0));

    assertTrue(graph().paths(VISIBLE, dataset, metrics, Direction.UPSTREAM, 10, 5).isEmpty());
    List<Path> upstream = graph().paths(VISIBLE, metrics, dataset, Direction.UPSTREAM, 10, 5);
    assertEquals(
        List.of(List.of("metrics", "evaluate", "model", "train", "dataset")),
        pathNames(g, upstream));
    assertEquals(
        List.of("evaluate->metrics", "model->evaluate", "train->model", "dataset->train"),
        edgeNames(g, upstream.get(0).edges()));
    assertEquals(downstream, graph().paths(VISIBLE, dataset, metrics, Direction.BOTH, 10, 5));
  }

  @Test
  void pathsRespectMaxHopsAndLimit() {
    GraphBuilder g = loaded(diamond());
    NodeKey raw = g.key("raw");
    NodeKey model = g.key("model");

    assertTrue(graph().paths(VISIBLE, raw, model, Direction.DOWNSTREAM, 3, 5).isEmpty());
    assertEquals(
        List.of(
            List.of("raw", "prepA", "featA", "train", "model"),
            List.of("raw", "prepB", "featB", "train", "model")),
        pathNames(g, graph().paths(VISIBLE, raw, model, Direction.DOWNSTREAM, 4, 5)));
    assertEquals(
        List.of(List.of("raw", "prepA", "featA", "train", "model")),
        pathNames(g, graph().paths(VISIBLE, raw, model, Direction.DOWNSTREAM, 10, 1)));
    assertEquals(
        List.of(List.of("raw", "evaluate", "report")),
        pathNames(g, graph().paths(VISIBLE, raw, g.key("report"), Direction.BOTH, 10, 5)),
        "only the shortest paths count");
  }

  @Test
  void aNodeIsAZeroHopPathToItself() {
    GraphBuilder g = loaded(pipeline());
    List<Path> paths =
        graph().paths(VISIBLE, g.key("model"), g.key("model"), Direction.UPSTREAM, 0, 5);
    assertEquals(List.of(List.of("model")), pathNames(g, paths));
    assertEquals(0, paths.get(0).hops());
  }

  // ---- counts and listings ----

  @Test
  void countsPerKindTypeAndEdgeType() {
    GraphBuilder g = pipeline();
    g.inWorkspace(OTHER_WORKSPACE);
    NodeKey other = g.artifact("other", "Dataset");
    NodeKey job = g.execution("job", "Train");
    g.wrote(job, other);
    loaded(g);

    GraphCounts all = graph().counts(Scope.all());
    assertEquals(
        Map.of(
            NodeKind.ARTIFACT, Map.of("Dataset", 2L, "Model", 1L, "Metrics", 1L),
            NodeKind.EXECUTION, Map.of("Train", 2L, "Evaluate", 1L, "Deploy", 1L)),
        all.nodesByKindAndType());
    assertEquals(Map.of(EdgeType.INPUT, 3L, EdgeType.OUTPUT, 3L), all.edgesByType());
    assertEquals(8, all.nodes());
    assertEquals(4, all.nodes(NodeKind.ARTIFACT));

    GraphCounts other2 = graph().counts(Scope.workspace(OTHER_WORKSPACE));
    assertEquals(
        new GraphCounts(
            Map.of(
                NodeKind.ARTIFACT, Map.of("Dataset", 1L), NodeKind.EXECUTION, Map.of("Train", 1L)),
            Map.of(EdgeType.OUTPUT, 1L)),
        other2);
  }

  @Test
  void listingsPageThroughKeysInOrder() {
    GraphBuilder g = pipeline();
    g.inWorkspace(OTHER_WORKSPACE);
    g.execution("job", "Train");
    loaded(g);

    List<NodeKey> expectedNodes =
        g.nodes().stream().map(Node::key).sorted().collect(Collectors.toList());
    assertEquals(expectedNodes, graph().allNodes(Scope.all()).map(Node::key).toList());
    assertEquals(
        Set.copyOf(g.nodes()),
        Set.copyOf(graph().allNodes(Scope.all()).toList()),
        "fields survive");

    List<NodeKey> pagedKeys = new ArrayList<>();
    Optional<NodeKey> after = Optional.empty();
    List<Node> page;
    do {
      page = graph().nodes(Scope.all(), after, 2);
      page.forEach(node -> pagedKeys.add(node.key()));
      after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).key());
    } while (page.size() == 2);
    assertEquals(expectedNodes, pagedKeys);

    List<Edge> expectedEdges =
        g.edges().stream().sorted((l, r) -> l.key().compareTo(r.key())).toList();
    assertEquals(expectedEdges, graph().allEdges(Scope.all()).toList());
    List<Edge> pagedEdges = new ArrayList<>();
    Optional<EdgeKey> afterEdge = Optional.empty();
    List<Edge> edgePage;
    do {
      edgePage = graph().edges(Scope.all(), afterEdge, 2);
      pagedEdges.addAll(edgePage);
      afterEdge =
          edgePage.isEmpty() ? afterEdge : Optional.of(edgePage.get(edgePage.size() - 1).key());
    } while (edgePage.size() == 2);
    assertEquals(expectedEdges, pagedEdges);

    assertEquals(
        List.of(g.key("job")),
        graph().allNodes(Scope.workspace(OTHER_WORKSPACE)).map(Node::key).toList());
    assertEquals(0, graph().allEdges(Scope.workspace(OTHER_WORKSPACE)).count());
  }

  // ---- helpers ----

  protected GraphBuilder loaded(GraphBuilder g) {
    load(g.changes());
    return g;
  }

  protected static TraversalQuery.Builder query(GraphBuilder g, String start) {
    return TraversalQuery.builder(g.node(start).workspaceId(), g.key(start));
  }

  protected TraversalResult traverse(TraversalQuery.Builder query) {
    return traverse(query.build());
  }

  protected TraversalResult traverse(TraversalQuery query) {
    return graph().traverse(query);
  }

  protected static List<String> describe(GraphBuilder g, TraversalResult result) {
    return result.nodes().stream()
        .map(reached -> g.name(reached.node().key()) + "@" + reached.hops())
        .toList();
  }

  protected static List<String> edgeNames(GraphBuilder g, List<Edge> edges) {
    return edges.stream().map(edge -> g.name(edge.from()) + "->" + g.name(edge.to())).toList();
  }

  protected static List<List<String>> pathNames(GraphBuilder g, List<Path> paths) {
    return paths.stream()
        .map(path -> path.nodes().stream().map(node -> g.name(node.key())).toList())
        .toList();
  }
}
