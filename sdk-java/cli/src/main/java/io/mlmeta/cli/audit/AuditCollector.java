package io.mlmeta.cli.audit;

import io.mlmeta.cli.CliException;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.Progress;
import io.mlmeta.cli.audit.AuditReport.ArtifactEntry;
import io.mlmeta.cli.audit.AuditReport.ContextEntry;
import io.mlmeta.cli.audit.AuditReport.Edge;
import io.mlmeta.cli.audit.AuditReport.ExecutionEntry;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.lineage.EdgeType;
import io.mlmeta.sdk.lineage.Lineage;
import io.mlmeta.sdk.lineage.LineageEdge;
import io.mlmeta.sdk.lineage.LineageNode;
import io.mlmeta.sdk.lineage.NodeKey;
import io.mlmeta.sdk.lineage.NodeKind;
import io.mlmeta.sdk.model.ArtifactDetails;
import io.mlmeta.sdk.model.ArtifactQuery;
import io.mlmeta.sdk.model.ContextDetails;
import io.mlmeta.sdk.model.Event;
import io.mlmeta.sdk.model.ExecutionDetails;
import io.mlmeta.sdk.model.Metrics;
import io.mlmeta.sdk.model.Model;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the audit report of a model through the SDK. */
public final class AuditCollector {

  /** Context types whose membership the report shows for each execution. */
  private static final List<String> CONTEXT_TYPES = List.of("Run", "Experiment");

  private final Store store;
  private final Progress progress;

  /** A collector reading from this store, showing progress as it goes. */
  public AuditCollector(Store store, Progress progress) {
    this.store = store;
    this.progress = progress;
  }

  /**
   * The report of one model.
   *
   * @param maxHops how far upstream to walk
   * @throws CliException with {@link ExitCode#INVALID} if the artifact is not a model
   */
  public AuditReport collect(long modelId, int maxHops) {
    progress.update("reading model " + modelId);
    ArtifactDetails model = store.artifactDetails(modelId);
    if (!Model.TYPE.equals(model.type())) {
      throw new CliException(
          ExitCode.INVALID, "artifact " + modelId + " is a " + model.type() + ", not a Model");
    }
    Workspace workspace = Workspace.get(store, model.workspace());
    String modelKey = "artifact:" + modelId;

    progress.update("walking upstream lineage");
    Lineage upstream = store.lineage(modelId).upstream().maxHops(maxHops).pageSize(1000).fetchAll();
    progress.update("walking downstream lineage");
    Lineage downstream = store.lineage(modelId).downstream().maxHops(2).pageSize(1000).fetchAll();

    List<Edge> edges = new ArrayList<>();
    upstream.edges().forEach(e -> edges.add(edge(e)));

    Map<Long, ExecutionDetails> executions = new LinkedHashMap<>();
    List<ArtifactEntry> upstreamArtifacts = new ArrayList<>();
    List<Long> upstreamExecutionIds = new ArrayList<>();
    List<String> workspaces = new ArrayList<>(List.of(model.workspace()));
    List<String> redacted = new ArrayList<>();
    int done = 0;
    int total = upstream.nodes().size();
    for (LineageNode node : upstream.nodes()) {
      done++;
      progress.update("reading upstream node " + done + "/" + total);
      if (node.redacted()) {
        redacted.add(node.key());
      } else if (node.isExecution()) {
        ExecutionDetails execution = store.executionDetails(node.id());
        executions.put(node.id(), execution);
        workspaces.add(execution.workspace());
        upstreamExecutionIds.add(node.id());
      } else if (node.id() != modelId) {
        ArtifactDetails artifact = store.artifactDetails(node.id());
        workspaces.add(artifact.workspace());
        upstreamArtifacts.add(artifact(artifact));
      }
    }

    List<Long> consumerIds = new ArrayList<>();
    Map<Long, ArtifactDetails> metrics = new LinkedHashMap<>();
    for (LineageEdge e : downstream.edges()) {
      if (e.from().equals(modelKey) && e.type() == EdgeType.INPUT) {
        if (downstream.node(e.to()).map(LineageNode::redacted).orElse(false)) {
          redacted.add(e.to());
          edges.add(edge(e));
          continue;
        }
        long id = NodeKey.parse(e.to()).id();
        consumerIds.add(id);
        executions.computeIfAbsent(id, store::executionDetails);
        edges.add(edge(e));
      }
    }
    for (LineageEdge e : downstream.edges()) {
      if (e.type() != EdgeType.OUTPUT || !consumerIds.contains(NodeKey.parse(e.from()).id())) {
        continue;
      }
      LineageNode output = downstream.node(e.to()).orElse(null);
      if (output != null && Metrics.TYPE.equals(output.type())) {
        metrics.computeIfAbsent(output.id(), store::artifactDetails);
        edges.add(edge(e));
      }
    }
    progress.update("finding metrics of the model");
    for (Object modelIdValue : List.of(modelId, Long.toString(modelId))) {
      ArtifactQuery byModel =
          ArtifactQuery.builder()
              .propertiesContain(Map.of("model_id", modelIdValue))
              .pageSize(1000)
              .build();
      workspace
          .artifacts(Metrics.TYPE, byModel, Integer.MAX_VALUE)
          .forEach(m -> metrics.putIfAbsent(m.id(), m));
    }
    for (ArtifactDetails m : metrics.values()) {
      for (Event event : store.events(new NodeKey(NodeKind.ARTIFACT, m.id()))) {
        if (event.type() == EdgeType.OUTPUT && executions.containsKey(event.executionId())) {
          edges.add(new Edge("execution:" + event.executionId(), "artifact:" + m.id(), "OUTPUT"));
        }
      }
    }

    Map<Long, List<Long>> contextsOf = new HashMap<>();
    Map<Long, ContextDetails> contexts = new LinkedHashMap<>();
    for (String type : CONTEXT_TYPES) {
      List<ContextDetails> candidates = workspace.contexts(type, Integer.MAX_VALUE);
      int read = 0;
      for (ContextDetails context : candidates) {
        progress.update("reading " + type + " contexts " + (++read) + "/" + candidates.size());
        for (ExecutionDetails member :
            workspace.executions(null, null, context.id(), Integer.MAX_VALUE)) {
          if (executions.containsKey(member.id())) {
            contextsOf.computeIfAbsent(member.id(), id -> new ArrayList<>()).add(context.id());
            contexts.put(context.id(), context);
          }
        }
      }
    }
    Set<Long> pending = new HashSet<>();
    contexts.values().forEach(c -> pending.addAll(c.parentContextIds()));
    while (!pending.isEmpty()) {
      long parentId = pending.iterator().next();
      pending.remove(parentId);
      if (!contexts.containsKey(parentId)) {
        ContextDetails parent = store.contextDetails(parentId);
        contexts.put(parentId, parent);
        pending.addAll(parent.parentContextIds());
      }
    }
    progress.done();

    List<ExecutionEntry> upstreamExecutions = new ArrayList<>();
    List<ExecutionEntry> deployments = new ArrayList<>();
    List<ExecutionEntry> otherConsumers = new ArrayList<>();
    for (ExecutionDetails e : executions.values()) {
      ExecutionEntry entry = execution(e, contextsOf.getOrDefault(e.id(), List.of()));
      if (upstreamExecutionIds.contains(e.id())) {
        upstreamExecutions.add(entry);
      } else if ("Deploy".equals(e.type())) {
        deployments.add(entry);
      } else {
        otherConsumers.add(entry);
      }
    }
    return new AuditReport(
        model.workspace(),
        artifact(model),
        upstreamExecutions,
        upstreamArtifacts,
        metrics.values().stream().map(AuditCollector::artifact).toList(),
        deployments,
        otherConsumers,
        contexts.values().stream()
            .map(
                c ->
                    new ContextEntry(
                        c.id(), c.type(), c.name(), c.parentContextIds(), c.createTime()))
            .toList(),
        edges,
        upstream.truncated() || downstream.truncated(),
        workspaces,
        redacted);
  }

  private static Edge edge(LineageEdge e) {
    return new Edge(e.from(), e.to(), e.type().name());
  }

  private static ArtifactEntry artifact(ArtifactDetails a) {
    Map<String, Object> properties = new LinkedHashMap<>(a.properties());
    List.of("uri", "name", "version", "owner").forEach(properties::remove);
    return new ArtifactEntry(
        a.id(),
        a.type(),
        a.name(),
        a.uri(),
        a.version(),
        a.state() == null ? null : a.state().name(),
        a.digest(),
        a.owner(),
        properties,
        a.createTime(),
        a.updateTime());
  }

  private static ExecutionEntry execution(ExecutionDetails e, List<Long> contextIds) {
    return new ExecutionEntry(
        e.id(),
        e.type(),
        e.name(),
        e.state() == null ? null : e.state().name(),
        e.properties(),
        e.startTime(),
        e.endTime(),
        e.createTime(),
        e.updateTime(),
        contextIds);
  }
}
