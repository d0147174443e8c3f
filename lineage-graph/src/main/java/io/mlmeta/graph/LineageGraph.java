package io.mlmeta.graph;

import io.mlmeta.graph.model.Direction;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.EdgeKey;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.graph.model.Visibility;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lineage graph port, read side: artifacts and executions joined by INPUT and OUTPUT events,
 * read by walks. Every engine gives the same answer to the same question; the contract tests hold
 * them to it. Engines that keep their own copy of the graph also take writes ({@link
 * WritableLineageGraph}); the PostgreSQL engine reads the store's tables and takes none.
 *
 * <h2>Edges and directions</h2>
 *
 * Edges point the way data flows: an INPUT event is the edge artifact -> execution (the execution
 * read the artifact), an OUTPUT event the edge execution -> artifact (it wrote the artifact).
 * {@link Direction#DOWNSTREAM} follows edges forwards ("what was made from this"), {@link
 * Direction#UPSTREAM} backwards ("where did this come from"), and {@link Direction#BOTH} returns
 * the union of the two walks; it never turns around midway. Take this pipeline:
 *
 * <pre>
 * dataset -INPUT-> train -OUTPUT-> model -INPUT-> evaluate -OUTPUT-> metrics
 *                                    \
 *                                     +-INPUT-> deploy
 * </pre>
 *
 * <ul>
 *   <li>DOWNSTREAM from dataset: dataset (0 hops), train (1), model (2), evaluate (3), deploy (3),
 *       metrics (4).
 *   <li>UPSTREAM from metrics: metrics (0), evaluate (1), model (2), train (3), dataset (4). Deploy
 *       is not reached: nothing flows from it into metrics.
 *   <li>BOTH from model: model (0), train (1), evaluate (1), deploy (1), dataset (2), metrics (2).
 *       If train also wrote a "logs" artifact, logs would not be reached: it is neither upstream
 *       nor downstream of model.
 * </ul>
 *
 * <h2>Hops</h2>
 *
 * Hops count edges, as in ML Metadata: artifact -> execution is one hop, so an artifact's producing
 * execution is 1 hop upstream and that execution's inputs are 2 hops upstream. A node's hop
 * distance is its shortest distance from any start node along the walk; a node reachable along
 * several paths (a diamond) is returned once, at its shortest distance. {@code maxHops} is exact:
 * DOWNSTREAM from dataset with {@code maxHops = 2} returns dataset, train and model; {@code maxHops
 * = 0} returns the start nodes alone. Walks remember where they have been, so they end even on data
 * with cycles (an execution that reads and rewrites the same artifact).
 *
 * <h2>Filters</h2>
 *
 * The return filter chooses which reached nodes are returned; the walk still passes through the
 * others. With a return filter of kind ARTIFACT, DOWNSTREAM from dataset returns dataset (0), model
 * (2) and metrics (4). A stop-at filter ends the walk at matching nodes: they are returned (if the
 * return filter accepts them) but not walked past. DOWNSTREAM from dataset stopping at type {@code
 * Model} returns dataset, train and model. Start nodes are always walked past.
 *
 * <h2>Pages</h2>
 *
 * Results are ordered by hop distance, then by node key (artifacts before executions, then by id),
 * and cut into pages of at most {@code pageSize} nodes. A truncated result carries a cursor; asking
 * again with it returns the following page, so paging to the end returns every node exactly once
 * (provided the graph does not change meanwhile). Each edge between two returned nodes is returned
 * once, with the page that holds its later end. When the time budget runs out, the result holds the
 * hop levels the walk completed, is marked {@link Truncation#TIME_BUDGET}, and its cursor resumes
 * after them.
 *
 * <h2>Workspaces</h2>
 *
 * Walks follow every edge, also into other workspaces (a training run may read another team's
 * dataset). A query's {@link Visibility} says which workspaces' nodes it may show: a node outside
 * them is returned as its {@linkplain Node#redacted redacted} stand-in, which carries its key and
 * nothing else, and filters see only that stand-in. So a filter on type or state never returns or
 * stops at a redacted node, while a filter on kind alone treats it like any other node of its kind.
 * Start nodes outside the visible workspaces are ignored. Edges to redacted nodes are returned like
 * all others.
 */
public interface LineageGraph {

  /** The engine's name, reported in every traversal result: {@code memory}, {@code neo4j}, ... */
  String engine();

  /** Walks the graph; see the class documentation for directions, hops, filters and pages. */
  TraversalResult traverse(TraversalQuery query);

  /**
   * The shortest paths from {@code from} to {@code to} that follow every edge in one direction:
   * DOWNSTREAM paths when {@code to} was made from {@code from}, UPSTREAM paths the other way
   * round, either for BOTH (only the shortest of the two survive). In the pipeline above, {@code
   * paths(ws, dataset, metrics, DOWNSTREAM, 10, 5)} is the one 4-hop path dataset, train, model,
   * evaluate, metrics, and the same call UPSTREAM is empty. A node is a 0-hop path to itself.
   *
   * @param visibility both ends must be visible, or there are no paths; nodes between them that are
   *     not are redacted
   * @param maxHops longer paths are not returned
   * @param limit at most this many paths, in {@link Path#ORDER}
   */
  List<Path> paths(
      Visibility visibility, NodeKey from, NodeKey to, Direction direction, int maxHops, int limit);

  /**
   * Node counts per kind and type, and edge counts per type; an edge counts for the workspace of
   * its execution, which recorded it.
   */
  GraphCounts counts(Scope scope);

  /** Nodes in key order, after {@code after}, at most {@code limit} of them. */
  List<Node> nodes(Scope scope, Optional<NodeKey> after, int limit);

  /** Edges in key order, after {@code after}, at most {@code limit} of them. */
  List<Edge> edges(Scope scope, Optional<EdgeKey> after, int limit);

  /** Every node in key order, fetched lazily in pages. */
  default Stream<Node> allNodes(Scope scope) {
    return paged((after, limit) -> nodes(scope, after, limit), Node::key);
  }

  /** Every edge in key order, fetched lazily in pages. */
  default Stream<Edge> allEdges(Scope scope) {
    return paged((after, limit) -> edges(scope, after, limit), Edge::key);
  }

  private static <T, K> Stream<T> paged(
      BiFunction<Optional<K>, Integer, List<T>> pageAfter, Function<T, K> keyOf) {
    int pageSize = 1_000;
    Iterator<T> iterator =
        new Iterator<>() {
          private List<T> page = pageAfter.apply(Optional.empty(), pageSize);
          private int next;

          @Override
          public boolean hasNext() {
            if (next == page.size() && page.size() == pageSize) {
              page = pageAfter.apply(Optional.of(keyOf.apply(page.get(page.size() - 1))), pageSize);
              next = 0;
            }
            return next < page.size();
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.get(next++);
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            iterator, Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL),
        false);
  }
}
