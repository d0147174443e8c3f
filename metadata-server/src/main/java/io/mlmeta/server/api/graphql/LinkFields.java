package io.mlmeta.server.api.graphql;

import io.mlmeta.graph.model.NodeKind;
import io.mlmeta.server.api.graphql.model.ArtifactView;
import io.mlmeta.server.api.graphql.model.ContextView;
import io.mlmeta.server.api.graphql.model.EventView;
import io.mlmeta.server.api.graphql.model.ExecutionView;
import io.mlmeta.server.api.graphql.model.LineageViews;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.domain.Event;
import io.mlmeta.server.domain.EventType;
import io.mlmeta.server.service.LinkService;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/**
 * Fields that follow links between entities. Every resolver is batched ({@code @Source List}): a
 * page of N artifacts costs one query for their events plus one for the executions behind them,
 * never N.
 */
@GraphQLApi
public class LinkFields {

  @Inject LinkService links;
  @Inject CallerIdentity caller;

  @Name("events")
  @Description("Events of this artifact, oldest first.")
  public List<@NonNull List<@NonNull EventView>> artifactEvents(
      @Source List<ArtifactView> artifacts) {
    Map<Long, List<Event>> events = links.eventsOfArtifacts(ids(artifacts, LinkFields::idOf));
    return artifacts.stream()
        .map(a -> events.getOrDefault(idOf(a), List.of()).stream().map(EventView::from).toList())
        .toList();
  }

  @Name("events")
  @Description("Events of this execution, oldest first.")
  public List<@NonNull List<@NonNull EventView>> executionEvents(
      @Source List<ExecutionView> executions) {
    Map<Long, List<Event>> events = links.eventsOfExecutions(ids(executions, LinkFields::idOf));
    return executions.stream()
        .map(e -> events.getOrDefault(idOf(e), List.of()).stream().map(EventView::from).toList())
        .toList();
  }

  @Description("Executions that wrote this artifact.")
  public List<@NonNull List<@NonNull ExecutionView>> producers(
      @Source List<ArtifactView> artifacts) {
    return executionsOf(artifacts, EventType.OUTPUT);
  }

  @Description("Executions that read this artifact.")
  public List<@NonNull List<@NonNull ExecutionView>> consumers(
      @Source List<ArtifactView> artifacts) {
    return executionsOf(artifacts, EventType.INPUT);
  }

  @Description("Artifacts this execution read, in the order they were recorded.")
  public List<@NonNull List<@NonNull ArtifactView>> inputs(@Source List<ExecutionView> executions) {
    return artifactsOf(executions, EventType.INPUT);
  }

  @Description("Artifacts this execution wrote, in the order they were recorded.")
  public List<@NonNull List<@NonNull ArtifactView>> outputs(
      @Source List<ExecutionView> executions) {
    return artifactsOf(executions, EventType.OUTPUT);
  }

  @Name("contexts")
  @Description("Contexts (runs, experiments) this execution is associated with.")
  public List<@NonNull List<@NonNull ContextView>> executionContexts(
      @Source List<ExecutionView> executions) {
    Map<Long, List<Long>> byExecution =
        links.contextIdsOfExecutions(ids(executions, LinkFields::idOf));
    return contextsOf(
        executions.stream().map(e -> byExecution.getOrDefault(idOf(e), List.of())).toList());
  }

  @Name("contexts")
  @Description("Contexts (runs, experiments) this artifact is attributed to.")
  public List<@NonNull List<@NonNull ContextView>> artifactContexts(
      @Source List<ArtifactView> artifacts) {
    Map<Long, List<Long>> byArtifact =
        links.contextIdsOfArtifacts(ids(artifacts, LinkFields::idOf));
    return contextsOf(
        artifacts.stream().map(a -> byArtifact.getOrDefault(idOf(a), List.of())).toList());
  }

  @Description("Parent contexts of this context.")
  public List<@NonNull List<@NonNull ContextView>> parents(@Source List<ContextView> contexts) {
    Map<Long, io.mlmeta.server.domain.Context> loaded =
        links.contexts(
            caller.principal(), contexts.stream().map(c -> Long.parseLong(c.id())).toList());
    return contextsOf(
        contexts.stream()
            .map(c -> loaded.get(Long.parseLong(c.id())))
            .map(c -> c == null ? List.<Long>of() : c.parentContextIds())
            .toList());
  }

  @Description(
      "The artifact of this event; null when it lies in a workspace you cannot read (an execution"
          + " may read another team's data): `artifactId` still names it.")
  public List<ArtifactView> artifact(@Source List<EventView> events) {
    Map<Long, io.mlmeta.server.domain.Artifact> found =
        links.artifacts(
            caller.principal(), events.stream().map(e -> Long.parseLong(e.artifactId())).toList());
    return events.stream()
        .map(e -> found.get(Long.parseLong(e.artifactId())))
        .map(artifact -> artifact == null ? null : ArtifactView.from(artifact))
        .toList();
  }

  @Description(
      "The execution of this event; null when it lies in a workspace you cannot read (another"
          + " team's run that read this artifact): `executionId` still names it.")
  public List<ExecutionView> execution(@Source List<EventView> events) {
    Map<Long, io.mlmeta.server.domain.Execution> found =
        links.executions(
            caller.principal(), events.stream().map(e -> Long.parseLong(e.executionId())).toList());
    return events.stream()
        .map(e -> found.get(Long.parseLong(e.executionId())))
        .map(execution -> execution == null ? null : ExecutionView.from(execution))
        .toList();
  }

  @Name("artifact")
  @Description("The artifact at this lineage node; null for an execution and for a redacted node.")
  public List<ArtifactView> lineageArtifact(@Source List<LineageViews.NodeView> nodes) {
    Map<Long, io.mlmeta.server.domain.Artifact> found =
        links.artifacts(caller.principal(), idsOf(nodes, NodeKind.ARTIFACT));
    return nodes.stream()
        .map(
            n -> {
              var artifact =
                  n.kind() == NodeKind.ARTIFACT ? found.get(Long.parseLong(n.id())) : null;
              return artifact == null ? null : ArtifactView.from(artifact);
            })
        .toList();
  }

  @Name("execution")
  @Description("The execution at this lineage node; null for an artifact and for a redacted node.")
  public List<ExecutionView> lineageExecution(@Source List<LineageViews.NodeView> nodes) {
    Map<Long, io.mlmeta.server.domain.Execution> found =
        links.executions(caller.principal(), idsOf(nodes, NodeKind.EXECUTION));
    return nodes.stream()
        .map(
            n -> {
              var execution =
                  n.kind() == NodeKind.EXECUTION ? found.get(Long.parseLong(n.id())) : null;
              return execution == null ? null : ExecutionView.from(execution);
            })
        .toList();
  }

  private static List<Long> idsOf(List<LineageViews.NodeView> nodes, NodeKind kind) {
    return nodes.stream()
        .filter(n -> n.kind() == kind)
        .map(n -> Long.parseLong(n.id()))
        .distinct()
        .toList();
  }

  private List<List<ExecutionView>> executionsOf(List<ArtifactView> artifacts, EventType type) {
    Map<Long, List<Event>> events = links.eventsOfArtifacts(ids(artifacts, LinkFields::idOf));
    return across(
        artifacts.stream().map(LinkFields::idOf).toList(),
        events,
        type,
        Event::executionId,
        ids -> links.executions(caller.principal(), ids),
        ExecutionView::from);
  }

  private List<List<ArtifactView>> artifactsOf(List<ExecutionView> executions, EventType type) {
    Map<Long, List<Event>> events = links.eventsOfExecutions(ids(executions, LinkFields::idOf));
    return across(
        executions.stream().map(LinkFields::idOf).toList(),
        events,
        type,
        Event::artifactId,
        ids -> links.artifacts(caller.principal(), ids),
        ArtifactView::from);
  }

  /**
   * For each source id, the entities at the other end of its events of {@code type}, in event order
   * and without repeats, loaded with one batch call.
   */
  private static <E, V> List<List<V>> across(
      List<Long> sourceIds,
      Map<Long, List<Event>> events,
      EventType type,
      Function<Event, Long> otherEnd,
      Function<Collection<Long>, Map<Long, E>> load,
      Function<E, V> view) {
    Set<Long> wanted = new LinkedHashSet<>();
    events
        .values()
        .forEach(
            list -> list.stream().filter(e -> e.type() == type).map(otherEnd).forEach(wanted::add));
    Map<Long, E> found = load.apply(wanted);
    return sourceIds.stream()
        .map(
            id ->
                events.getOrDefault(id, List.of()).stream()
                    .filter(e -> e.type() == type)
                    .map(otherEnd)
                    .distinct()
                    .map(found::get)
                    .filter(Objects::nonNull)
                    .map(view)
                    .toList())
        .toList();
  }

  private List<List<ContextView>> contextsOf(List<List<Long>> idLists) {
    Set<Long> all = new LinkedHashSet<>();
    idLists.forEach(all::addAll);
    Map<Long, io.mlmeta.server.domain.Context> found = links.contexts(caller.principal(), all);
    return idLists.stream()
        .map(
            list ->
                list.stream()
                    .map(found::get)
                    .filter(Objects::nonNull)
                    .map(ContextView::from)
                    .toList())
        .toList();
  }

  private static long idOf(ArtifactView artifact) {
    return Long.parseLong(artifact.id());
  }

  private static long idOf(ExecutionView execution) {
    return Long.parseLong(execution.id());
  }

  private static <T> Collection<Long> ids(List<T> items, Function<T, Long> id) {
    return items.stream().map(id).distinct().toList();
  }
}
