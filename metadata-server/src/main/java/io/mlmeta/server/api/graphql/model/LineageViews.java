package io.mlmeta.server.api.graphql.model;

import io.mlmeta.graph.NodeFilter;
import io.mlmeta.graph.TraversedNode;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKind;
import io.mlmeta.server.domain.EventType;
import io.mlmeta.server.lineage.LineageAnswer;
import io.mlmeta.server.lineage.MirrorReport;
import io.mlmeta.server.lineage.MirrorStatus;
import io.mlmeta.server.lineage.RebuildReport;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

/** GraphQL types of lineage answers and mirror administration. */
public final class LineageViews {

  private LineageViews() {}

  @Name("LineageNode")
  @Description(
      "A node reached by a lineage walk. `artifact` or `execution` resolves its full record;"
          + " both are batched across the whole answer. A walk that crosses into a workspace you"
          + " cannot read returns its nodes `redacted`: key, kind, id and hops only.")
  public record NodeView(
      @Description("artifact:<id> or execution:<id>") @NonNull String key,
      @NonNull NodeKind kind,
      @Id @NonNull String id,
      @Description("The type name; null when redacted.") @Nullable String type,
      @Description("The state; null when redacted.") @Nullable String state,
      @Nullable String name,
      @Nullable String uri,
      @Description("Hops from the nearest start node; every edge is one hop.") int hops,
      @Description("True for a node in a workspace you cannot read.") boolean redacted) {

    public static NodeView from(Node node, int hops) {
      if (node.redacted()) {
        return new NodeView(
            node.key().toString(),
            node.kind(),
            Long.toString(node.key().id()),
            null,
            null,
            null,
            null,
            hops,
            true);
      }
      return new NodeView(
          node.key().toString(),
          node.kind(),
          Long.toString(node.key().id()),
          node.typeName(),
          node.state(),
          node.name(),
          node.uri(),
          hops,
          false);
    }

    public static NodeView from(TraversedNode node) {
      return from(node.node(), node.hops());
    }
  }

  @Name("LineageEdge")
  @Description("A data-flow edge: INPUT runs artifact to execution, OUTPUT execution to artifact.")
  public record EdgeView(@NonNull String from, @NonNull String to, @NonNull EventType type) {

    public static EdgeView from(Edge edge) {
      return new EdgeView(
          edge.from().toString(), edge.to().toString(), EventType.valueOf(edge.type().name()));
    }
  }

  @Name("AnsweredBy")
  @Description("Which engine answered, why, and how far the Neo4j mirror was.")
  public record AnsweredByView(
      @NonNull String engine,
      @NonNull String reason,
      long mirrorPosition,
      @Description("Every write up to this lineage position is in the answer.")
          long requiredPosition) {

    public static AnsweredByView from(LineageAnswer<?> answer) {
      return new AnsweredByView(
          answer.engine(), answer.reason(), answer.mirrorPosition(), answer.requiredPosition());
    }
  }

  @Name("Lineage")
  @Description("One page of a lineage walk.")
  public record LineageView(
      @NonNull List<@NonNull NodeView> nodes,
      @NonNull List<@NonNull EdgeView> edges,
      @Description("True when the page size or the time budget ended the walk.") boolean truncated,
      @Description("NONE, PAGE or TIME_BUDGET.") @NonNull String truncation,
      @Description("Pass as `after` to continue a truncated walk.") @Nullable String nextCursor,
      @NonNull AnsweredByView answeredBy) {}

  @Name("ImpactGroup")
  @Description("Dependants of one type.")
  public record ImpactGroupView(@NonNull String type, @NonNull List<@NonNull NodeView> nodes) {}

  @Name("Impact")
  @Description("Everything downstream of the start nodes, grouped by type.")
  public record ImpactView(
      @Description("The dependants you may read, grouped by type.") @NonNull
          List<@NonNull ImpactGroupView> groups,
      @Description("Every dependant, redacted ones included.") int total,
      boolean truncated,
      @NonNull AnsweredByView answeredBy,
      @Description("How many dependants lie in workspaces you cannot read.") int redacted,
      @Description("Those dependants, redacted: key and kind only.") @NonNull
          List<@NonNull NodeView> redactedNodes) {}

  @Name("LineagePath")
  @Description("One path, its nodes in order from `from` to `to`.")
  public record PathView(
      @NonNull List<@NonNull NodeView> nodes, @NonNull List<@NonNull EdgeView> edges) {}

  @Name("LineagePaths")
  @Description("Shortest paths between two nodes.")
  public record PathsView(
      @NonNull List<@NonNull PathView> paths, @NonNull AnsweredByView answeredBy) {}

  @Input("LineageNodeFilter")
  @Description("Nodes match when every non-empty list contains their value.")
  public record NodeFilterInput(
      @Nullable List<NodeKind> kinds, @Nullable List<String> types, @Nullable List<String> states) {

    public static NodeFilter toDomain(@Nullable NodeFilterInput input) {
      if (input == null) {
        return NodeFilter.any();
      }
      return new NodeFilter(
          input.kinds == null ? Set.of() : Set.copyOf(input.kinds),
          input.types == null ? Set.of() : Set.copyOf(input.types),
          input.states == null ? Set.of() : Set.copyOf(input.states));
    }
  }

  @Name("LineageMirrorStatus")
  @Description("The Neo4j mirror as this replica sees it.")
  public record MirrorStatusView(
      boolean configured,
      boolean reachable,
      boolean leader,
      long mirrorPosition,
      long latestPosition,
      long lagRows,
      @Nullable String lastError) {

    public static MirrorStatusView from(MirrorStatus s) {
      return new MirrorStatusView(
          s.configured(),
          s.reachable(),
          s.leader(),
          s.mirrorPosition(),
          s.latestPosition(),
          s.lagRows(),
          s.lastError());
    }
  }

  @Name("LineageMirrorReport")
  @Description("A consistency check of the Neo4j mirror against PostgreSQL.")
  public record MirrorReportView(
      boolean consistent,
      long storeNodes,
      long mirrorNodes,
      long storeEdges,
      long mirrorEdges,
      long missingNodes,
      long extraNodes,
      long differentNodes,
      long missingEdges,
      long extraEdges,
      @NonNull List<@NonNull String> sample,
      long mirrorPosition,
      long latestPosition,
      boolean repaired) {

    public static MirrorReportView from(MirrorReport r) {
      return new MirrorReportView(
          r.consistent(),
          r.storeNodes(),
          r.mirrorNodes(),
          r.storeEdges(),
          r.mirrorEdges(),
          r.missingNodes(),
          r.extraNodes(),
          r.differentNodes(),
          r.missingEdges(),
          r.extraEdges(),
          r.sample(),
          r.mirrorPosition(),
          r.latestPosition(),
          r.repaired());
    }
  }

  @Name("LineageRebuild")
  @Description("What a rebuild copied from PostgreSQL into Neo4j.")
  public record RebuildView(long nodes, long edges, long position, long millis) {

    public static RebuildView from(RebuildReport r) {
      return new RebuildView(r.nodes(), r.edges(), r.position(), r.millis());
    }
  }
}
