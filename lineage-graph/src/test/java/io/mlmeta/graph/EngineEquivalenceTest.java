package io.mlmeta.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlmeta.graph.memory.InMemoryLineageGraph;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.EdgeKey;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.NodeKind;
import io.mlmeta.graph.model.Visibility;
import io.mlmeta.graph.neo4j.Neo4jLineageGraph;
import io.mlmeta.graph.postgres.PostgresLineageGraph;
import io.mlmeta.graph.testsupport.GraphBuilder;
import io.mlmeta.graph.testsupport.SharedNeo4j;
import io.mlmeta.graph.testsupport.SharedPostgres;
import io.mlmeta.graph.testsupport.StoreWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * All engines hold the same randomly generated lineage (three workspaces, the second and third
 * reading some of the first's artifacts, shared inputs, diamonds and a few cycles) and must give
 * identical answers, redaction included: every page of many random traversals seen from random sets
 * of workspaces, shortest paths between random pairs, counts and listings. The seed is fixed so a
 * failure reproduces.
 */
class EngineEquivalenceTest {

  private static final long SEED = 20_250_301L;
  private static final String[] ARTIFACT_TYPES = {"Dataset", "Model", "Metrics"};
  private static final String[] ARTIFACT_STATES = {"LIVE", "MARKED_FOR_DELETION", "DELETED"};
  private static final String[] EXECUTION_TYPES = {"Train", "Evaluate", "Transform"};
  private static final String[] EXECUTION_STATES = {"COMPLETE", "FAILED", "RUNNING"};
  private static final int[] PAGE_SIZES = {1, 3, 10, 50, 1_000};

  private static GraphBuilder graph;
  private static LineageGraph reference;
  private static List<LineageGraph> others;

  @BeforeAll
  static void loadTheSameGraphEverywhere() {
    graph = randomGraph(new Random(SEED));

    InMemoryLineageGraph memory = new InMemoryLineageGraph();
    memory.apply(graph.changes());
    reference = memory;

    Neo4jLineageGraph neo4j = Neo4jLineageGraph.open(SharedNeo4j.driver());
    neo4j.clear();
    neo4j.apply(graph.changes());

    StoreWriter store = new StoreWriter(SharedPostgres.dataSource());
    store.reset();
    store.load(graph.changes());
    PostgresLineageGraph postgres = new PostgresLineageGraph(SharedPostgres.dataSource());

    others = List.of(neo4j, postgres);
  }

  @Test
  void traversalsAgreePageByPage() {
    Random random = new Random(SEED + 1);
    int pagesWithSeveralNodes = 0;
    int pagesWithEdges = 0;
    int truncatedPages = 0;
    int pagesWithRedactedNodes = 0;
    for (int i = 0; i < 120; i++) {
      TraversalQuery query = randomQuery(random);
      for (int page = 0; page < 8; page++) {
        TraversalResult expected = reference.traverse(query);
        pagesWithSeveralNodes += expected.nodes().size() > 1 ? 1 : 0;
        pagesWithEdges += expected.edges().isEmpty() ? 0 : 1;
        truncatedPages += expected.truncated() ? 1 : 0;
        pagesWithRedactedNodes +=
            expected.nodes().stream().anyMatch(reached -> reached.node().redacted()) ? 1 : 0;
        for (LineageGraph engine : others) {
          TraversalResult actual = engine.traverse(query);
          String context = engine.engine() + " page " + page + " of " + query;
          assertEquals(expected.nodes(), actual.nodes(), context);
          assertEquals(expected.edges(), actual.edges(), context);
          assertEquals(expected.truncation(), actual.truncation(), context);
          assertEquals(expected.nextCursor(), actual.nextCursor(), context);
        }
        if (!expected.truncated()) {
          break;
        }
        query = query.withCursor(expected.nextCursor().orElseThrow());
      }
    }
    // Guards against a generator that makes only trivial walks.
    assertTrue(pagesWithSeveralNodes > 100, "pages with several nodes: " + pagesWithSeveralNodes);
    assertTrue(pagesWithEdges > 80, "pages with edges: " + pagesWithEdges);
    assertTrue(truncatedPages > 40, "truncated pages: " + truncatedPages);
    assertTrue(pagesWithRedactedNodes > 10, "pages with redacted nodes: " + pagesWithRedactedNodes);
  }

  @Test
  void shortestPathsAgree() {
    Random random = new Random(SEED + 2);
    List<Node> nodes = graph.nodes();
    int found = 0;
    for (int i = 0; i < 80; i++) {
      Node from = nodes.get(random.nextInt(nodes.size()));
      Direction direction = Direction.values()[random.nextInt(3)];
      TraversedNode target = reachable(random, from, direction);
      NodeKey to;
      int maxHops;
      if (target != null && random.nextInt(10) < 8) {
        // Mostly enough hops to get there; sometimes one short, which must find nothing.
        to = target.node().key();
        maxHops = Math.max(1, target.hops() + random.nextInt(4) - 1);
      } else {
        to = nodes.get(random.nextInt(nodes.size())).key();
        maxHops = 1 + random.nextInt(12);
      }
      int limit = 1 + random.nextInt(4);
      Visibility visibility = randomVisibility(random, from);
      List<Path> expected = reference.paths(visibility, from.key(), to, direction, maxHops, limit);
      found += expected.isEmpty() ? 0 : 1;
      for (LineageGraph engine : others) {
        assertEquals(
            expected,
            engine.paths(visibility, from.key(), to, direction, maxHops, limit),
            engine.engine() + ": " + from.key() + " to " + to + " " + direction + " " + maxHops);
      }
    }
    assertTrue(found > 20, "pairs with a path: " + found);
  }

  @Test
  void countsAndListingsAgree() {
    for (Scope scope :
        List.of(Scope.all(), Scope.workspace(1), Scope.workspace(2), Scope.workspace(3))) {
      GraphCounts expectedCounts = reference.counts(scope);
      List<Node> expectedNodes = reference.allNodes(scope).toList();
      List<EdgeKey> expectedEdges = reference.allEdges(scope).map(edge -> edge.key()).toList();
      for (LineageGraph engine : others) {
        assertEquals(expectedCounts, engine.counts(scope), engine.engine() + " " + scope);
        assertEquals(expectedNodes, engine.allNodes(scope).toList(), engine.engine() + " " + scope);
        assertEquals(
            expectedEdges,
            engine.allEdges(scope).map(edge -> edge.key()).toList(),
            engine.engine() + " " + scope);
      }
    }
    assertEquals(graph.nodes().size(), reference.counts(Scope.all()).nodes());
    assertEquals(graph.edges().size(), reference.counts(Scope.all()).edges());
  }

  /**
   * Per workspace: some source datasets, then executions that each read one to three recent
   * artifacts (so inputs are shared and diamonds form) and write one or two new ones; a few rewrite
   * an artifact they read or an older one, which makes cycles. Executions of the later workspaces
   * now and then read an artifact of the first, as a team training on another team's data does.
   */
  private static GraphBuilder randomGraph(Random random) {
    GraphBuilder g = new GraphBuilder();
    Set<EdgeKey> edges = new HashSet<>();
    List<NodeKey> firstWorkspaceArtifacts = new ArrayList<>();
    for (long workspace = 1; workspace <= 3; workspace++) {
      g.inWorkspace(workspace);
      List<NodeKey> artifacts = workspace == 1 ? firstWorkspaceArtifacts : new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        artifacts.add(g.artifact("w" + workspace + "-source" + i, "Dataset"));
      }
      for (int step = 0; step < 130; step++) {
        NodeKey execution =
            g.execution(
                "w" + workspace + "-run" + step,
                pick(random, EXECUTION_TYPES),
                pick(random, EXECUTION_STATES));
        List<NodeKey> inputs = new ArrayList<>();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
          int window = Math.min(artifacts.size(), 30);
          NodeKey input =
              workspace > 1 && random.nextInt(6) == 0
                  ? firstWorkspaceArtifacts.get(random.nextInt(firstWorkspaceArtifacts.size()))
                  : artifacts.get(artifacts.size() - 1 - random.nextInt(window));
          if (edges.add(new EdgeKey(input, execution))) {
            g.read(input, execution);
            inputs.add(input);
          }
        }
        for (int i = 1 + random.nextInt(2); i > 0; i--) {
          NodeKey output =
              g.artifact(
                  "w" + workspace + "-art" + step + "-" + i,
                  pick(random, ARTIFACT_TYPES),
                  pick(random, ARTIFACT_STATES));
          edges.add(new EdgeKey(execution, output));
          g.wrote(execution, output);
          artifacts.add(output);
        }
        if (random.nextInt(20) == 0) {
          NodeKey rewritten =
              random.nextBoolean()
                  ? inputs.get(0)
                  : artifacts.get(random.nextInt(artifacts.size()));
          if (edges.add(new EdgeKey(execution, rewritten))) {
            g.wrote(execution, rewritten);
          }
        }
      }
    }
    return g;
  }

  private static TraversalQuery randomQuery(Random random) {
    List<Node> nodes = graph.nodes();
    Node first = nodes.get(random.nextInt(nodes.size()));
    List<NodeKey> starts = new ArrayList<>(List.of(first.key()));
    for (int extra = random.nextInt(3); extra > 0; extra--) {
      // Mostly the same workspace; now and then a stray start from the other one.
      Node next = nodes.get(random.nextInt(nodes.size()));
      if (next.workspaceId() == first.workspaceId() || random.nextInt(4) == 0) {
        starts.add(next.key());
      }
    }
    TraversalQuery.Builder query =
        TraversalQuery.builder(randomVisibility(random, first), starts)
            .direction(Direction.values()[random.nextInt(3)])
            .maxHops(random.nextInt(13))
            .pageSize(PAGE_SIZES[random.nextInt(PAGE_SIZES.length)]);
    if (random.nextInt(5) < 3) {
      query.returning(randomFilter(random));
    }
    if (random.nextInt(4) == 0) {
      query.stopAt(randomFilter(random));
    }
    return query.build();
  }

  /** The workspace of {@code start}, plus random others, or now and then all of them. */
  private static Visibility randomVisibility(Random random, Node start) {
    if (random.nextInt(5) == 0) {
      return Visibility.all();
    }
    List<Long> visible = new ArrayList<>(List.of(start.workspaceId()));
    for (long workspace = 1; workspace <= 3; workspace++) {
      if (random.nextInt(3) == 0) {
        visible.add(workspace);
      }
    }
    return Visibility.of(visible);
  }

  private static NodeFilter randomFilter(Random random) {
    NodeFilter filter = NodeFilter.any();
    if (random.nextBoolean()) {
      filter = filter.withKinds(NodeKind.values()[random.nextInt(2)]);
    }
    if (random.nextBoolean()) {
      filter = filter.withTypeNames(pick(random, ARTIFACT_TYPES), pick(random, EXECUTION_TYPES));
    }
    if (random.nextInt(3) == 0) {
      filter = filter.withStates(pick(random, ARTIFACT_STATES), pick(random, EXECUTION_STATES));
    }
    return filter;
  }

  /** A random node the walk from {@code from} reaches, with its distance; null if none. */
  private static TraversedNode reachable(Random random, Node from, Direction direction) {
    TraversalResult reached =
        reference.traverse(
            TraversalQuery.builder(Visibility.all(), from.key())
                .direction(direction)
                .maxHops(12)
                .pageSize(1_000)
                .build());
    if (reached.nodes().size() < 2) {
      return null;
    }
    return reached.nodes().get(1 + random.nextInt(reached.nodes().size() - 1));
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
