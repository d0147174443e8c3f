package io.mlmeta.server.api.graphql;

import io.mlmeta.graph.Path;
import io.mlmeta.graph.TraversalResult;
import io.mlmeta.graph.model.Direction;
import io.mlmeta.server.api.graphql.model.Inputs;
import io.mlmeta.server.api.graphql.model.Inputs.ArtifactFilterInput;
import io.mlmeta.server.api.graphql.model.Inputs.ExecutionFilterInput;
import io.mlmeta.server.api.graphql.model.LineageViews.AnsweredByView;
import io.mlmeta.server.api.graphql.model.LineageViews.EdgeView;
import io.mlmeta.server.api.graphql.model.LineageViews.ImpactGroupView;
import io.mlmeta.server.api.graphql.model.LineageViews.ImpactView;
import io.mlmeta.server.api.graphql.model.LineageViews.LineageView;
import io.mlmeta.server.api.graphql.model.LineageViews.NodeFilterInput;
import io.mlmeta.server.api.graphql.model.LineageViews.NodeView;
import io.mlmeta.server.api.graphql.model.LineageViews.PathView;
import io.mlmeta.server.api.graphql.model.LineageViews.PathsView;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.lineage.LineageAnswer;
import io.mlmeta.server.service.LineageQueryService;
import io.mlmeta.server.service.LineageRequest;
import io.mlmeta.server.service.LineageRequest.Start;
import io.mlmeta.server.service.PathsRequest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.jspecify.annotations.Nullable;

/** Lineage queries over GraphQL. */
@GraphQLApi
public class LineageGraphQl {

  @Inject CallerIdentity caller;
  @Inject LineageQueryService lineage;

  @Query
  @Description(
      "Walks the lineage graph from artifacts and/or executions. UPSTREAM answers 'where did this"
          + " come from', DOWNSTREAM 'what depends on this'; every edge is one hop. Paged with"
          + " first/after and bounded by a time budget; `answeredBy` tells which engine answered.")
  public LineageView lineage(
      @Nullable List<String> artifactIds,
      @Nullable List<String> executionIds,
      @Description("Workspace of the start filters.") @Nullable String workspace,
      @Description("Also start from every artifact matching this filter (at most 1000).")
          @Nullable ArtifactFilterInput startArtifacts,
      @Description(
              "Also start from every execution matching this filter (at most 1000), for example"
                  + " the RUNNING Deploy executions of one inference service.")
          @Nullable ExecutionFilterInput startExecutions,
      @DefaultValue("UPSTREAM") @Nullable Direction direction,
      @DefaultValue("" + LineageRequest.DEFAULT_MAX_HOPS) @Nullable Integer maxHops,
      @Nullable NodeFilterInput filter,
      @Description("Matching nodes are returned but not walked past.")
          @Nullable NodeFilterInput stopAt,
      @DefaultValue("" + LineageRequest.DEFAULT_PAGE_SIZE) @Nullable Integer first,
      @Nullable String after,
      @Description("memory, postgres or neo4j; empty lets the router choose.")
          @Nullable String engine,
      @Description("Answer only with every write up to this lineage position.") @DefaultValue("0")
          @Nullable Long minPosition,
      @Description("Time budget in milliseconds; 0 uses the server default.") @DefaultValue("0")
          @Nullable Integer timeBudgetMillis) {
    LineageAnswer<TraversalResult> answer =
        lineage.traverse(
            caller.principal(),
            LineageRequest.walk(
                    start(artifactIds, executionIds, workspace, startArtifacts, startExecutions))
                .direction(direction)
                .maxHops(maxHops)
                .filter(NodeFilterInput.toDomain(filter))
                .stopAt(stopAt == null ? null : NodeFilterInput.toDomain(stopAt))
                .pageSize(first)
                .cursor(after)
                .timeBudget(timeBudgetMillis == null ? null : Duration.ofMillis(timeBudgetMillis))
                .engine(engine)
                .minPosition(minPosition)
                .build());
    TraversalResult result = answer.result();
    return new LineageView(
        result.nodes().stream().map(NodeView::from).toList(),
        result.edges().stream().map(EdgeView::from).toList(),
        result.truncated(),
        result.truncation().name(),
        result.nextCursor().orElse(null),
        AnsweredByView.from(answer));
  }

  @Query
  @Description(
      "Everything downstream of artifacts and/or executions (models, deployments, metrics...),"
          + " grouped by type: what breaks if they are bad.")
  public ImpactView impact(
      @Nullable List<String> artifactIds,
      @Nullable List<String> executionIds,
      @Description("Workspace of the start filters.") @Nullable String workspace,
      @Description("Also start from every artifact matching this filter (at most 1000).")
          @Nullable ArtifactFilterInput startArtifacts,
      @Description("Also start from every execution matching this filter (at most 1000).")
          @Nullable ExecutionFilterInput startExecutions,
      @DefaultValue("" + LineageRequest.DEFAULT_IMPACT_MAX_HOPS) @Nullable Integer maxHops,
      @Nullable NodeFilterInput filter,
      @Nullable String engine,
      @DefaultValue("0") @Nullable Long minPosition) {
    LineageAnswer<LineageQueryService.Impact> answer =
        lineage.impact(
            caller.principal(),
            LineageRequest.impact(
                    start(artifactIds, executionIds, workspace, startArtifacts, startExecutions))
                .maxHops(maxHops)
                .filter(NodeFilterInput.toDomain(filter))
                .engine(engine)
                .minPosition(minPosition)
                .build());
    List<ImpactGroupView> groups = new ArrayList<>();
    answer
        .result()
        .byType()
        .forEach(
            (type, nodes) ->
                groups.add(new ImpactGroupView(type, nodes.stream().map(NodeView::from).toList())));
    List<NodeView> redacted = answer.result().redacted().stream().map(NodeView::from).toList();
    return new ImpactView(
        groups,
        answer.result().total(),
        answer.result().truncated(),
        AnsweredByView.from(answer),
        redacted.size(),
        redacted);
  }

  @Query
  @Description("Shortest paths between two nodes given as keys like artifact:12 or execution:7.")
  public PathsView lineagePaths(
      @NonNull String from,
      @NonNull String to,
      @DefaultValue("BOTH") @Nullable Direction direction,
      @DefaultValue("" + LineageRequest.DEFAULT_PATH_MAX_HOPS) @Nullable Integer maxHops,
      @DefaultValue("" + LineageRequest.DEFAULT_PATH_LIMIT) @Nullable Integer limit,
      @Nullable String engine,
      @DefaultValue("0") @Nullable Long minPosition) {
    LineageAnswer<List<Path>> answer =
        lineage.paths(
            caller.principal(),
            PathsRequest.between(from, to, direction, maxHops, limit, engine, minPosition));
    List<PathView> paths = new ArrayList<>();
    for (Path path : answer.result()) {
      List<NodeView> nodes = new ArrayList<>();
      for (int i = 0; i < path.nodes().size(); i++) {
        nodes.add(NodeView.from(path.nodes().get(i), i));
      }
      paths.add(new PathView(nodes, path.edges().stream().map(EdgeView::from).toList()));
    }
    return new PathsView(paths, AnsweredByView.from(answer));
  }

  private static Start start(
      @Nullable List<String> artifactIds,
      @Nullable List<String> executionIds,
      @Nullable String workspace,
      @Nullable ArtifactFilterInput artifacts,
      @Nullable ExecutionFilterInput executions) {
    return Start.ids(
            Inputs.ids("artifactIds", artifactIds), Inputs.ids("executionIds", executionIds))
        .selecting(
            workspace,
            artifacts == null ? null : ArtifactFilterInput.toDomain(artifacts),
            executions == null ? null : ExecutionFilterInput.toDomain(executions));
  }
}
