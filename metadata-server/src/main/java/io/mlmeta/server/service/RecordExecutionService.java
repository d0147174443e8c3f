package io.mlmeta.server.service;

import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.ArtifactLink;
import io.mlmeta.server.domain.Context;
import io.mlmeta.server.domain.ContextLink;
import io.mlmeta.server.domain.EventType;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.RecordExecution;
import io.mlmeta.server.domain.RecordedExecution;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.lineage.LineageEdge;
import io.mlmeta.server.domain.lineage.LineageNode;
import io.mlmeta.server.store.LinkStore;
import io.mlmeta.server.store.LinkStore.NewEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The central write: an execution with its inputs, outputs and contexts, in one transaction. A
 * retry that carries the same external ids finds what the first attempt wrote and adds nothing.
 */
@ApplicationScoped
public class RecordExecutionService {

  private final WorkspaceService workspaces;
  private final ArtifactService artifacts;
  private final ExecutionService executions;
  private final ContextService contexts;
  private final LinkStore links;
  private final LineageRecorder lineage;
  private final MlmetaConfig config;
  private final Clock clock;

  RecordExecutionService(
      WorkspaceService workspaces,
      ArtifactService artifacts,
      ExecutionService executions,
      ContextService contexts,
      LinkStore links,
      LineageRecorder lineage,
      MlmetaConfig config,
      Clock clock) {
    this.lineage = lineage;
    this.workspaces = workspaces;
    this.artifacts = artifacts;
    this.executions = executions;
    this.contexts = contexts;
    this.links = links;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Records one execution, all or nothing.
   *
   * @throws io.mlmeta.server.domain.error.NotFoundException if the workspace, a type or a
   *     referenced entity does not exist
   * @throws InvalidArgumentException if any field is malformed; the message names it, for example
   *     {@code outputs[1].new_artifact.properties.training_framework}
   */
  @Transactional
  public RecordedExecution record(RecordExecution command) {
    return recordOne(command, "", null);
  }

  /**
   * Records a batch of executions in one transaction: all of them or none.
   *
   * @throws InvalidArgumentException for an empty or oversized batch, or naming the failing item as
   *     {@code executions[i]....}
   */
  @Transactional
  public List<RecordedExecution> recordAll(List<RecordExecution> commands) {
    return recordAll(commands, 0);
  }

  /**
   * Like {@link #recordAll(List)}, for a batch that starts at {@code firstIndex} of a longer
   * stream: errors name items by their position in the stream.
   */
  @Transactional
  public List<RecordedExecution> recordAll(List<RecordExecution> commands, int firstIndex) {
    if (commands.isEmpty()) {
      throw new InvalidArgumentException("executions", "must not be empty");
    }
    int max = config.limits().maxBatchSize();
    if (commands.size() > max) {
      throw new InvalidArgumentException(
          "executions", "holds " + commands.size() + " items; the limit is " + max);
    }
    Batch batch = new Batch();
    List<RecordedExecution> results = new ArrayList<>(commands.size());
    for (int i = 0; i < commands.size(); i++) {
      results.add(recordOne(commands.get(i), "executions[" + (firstIndex + i) + "].", batch));
    }
    long position = batch.appendTo(lineage);
    return results.stream()
        .map(
            r ->
                new RecordedExecution(
                    r.execution(),
                    r.inputs(),
                    r.outputs(),
                    r.contexts(),
                    r.artifactsCreated(),
                    r.eventsWritten(),
                    position))
        .toList();
  }

  /**
   * What a batch shares: workspaces looked up once, and its lineage changes appended to the outbox
   * as one row per workspace at the end instead of one per execution.
   */
  private final class Batch {
    private final Map<String, Workspace> workspaces = new HashMap<>();
    private final Map<Long, List<LineageNode>> nodes = new LinkedHashMap<>();
    private final Map<Long, List<LineageEdge>> edges = new LinkedHashMap<>();

    Workspace workspace(String name) {
      Workspace known = workspaces.get(name);
      if (known == null) {
        known = RecordExecutionService.this.workspaces.get(name);
        workspaces.put(name, known);
      }
      return known;
    }

    void add(long workspaceId, List<LineageNode> newNodes, List<LineageEdge> newEdges) {
      nodes.computeIfAbsent(workspaceId, id -> new ArrayList<>()).addAll(newNodes);
      edges.computeIfAbsent(workspaceId, id -> new ArrayList<>()).addAll(newEdges);
    }

    /** Outbox rows stay small enough for the projector to read many at once. */
    private static final int CHANGES_PER_ROW = 1_000;

    long appendTo(LineageRecorder recorder) {
      long position = 0;
      for (Map.Entry<Long, List<LineageNode>> entry : nodes.entrySet()) {
        long workspaceId = entry.getKey();
        List<LineageNode> workspaceNodes = entry.getValue();
        for (int i = 0; i < workspaceNodes.size(); i += CHANGES_PER_ROW) {
          List<LineageNode> chunk =
              workspaceNodes.subList(i, Math.min(i + CHANGES_PER_ROW, workspaceNodes.size()));
          position = Math.max(position, recorder.record(workspaceId, chunk, List.of()));
        }
        // Edges follow their nodes in later positions, so the projector always meets both ends.
        List<LineageEdge> workspaceEdges = edges.get(workspaceId);
        for (int i = 0; i < workspaceEdges.size(); i += CHANGES_PER_ROW) {
          List<LineageEdge> chunk =
              workspaceEdges.subList(i, Math.min(i + CHANGES_PER_ROW, workspaceEdges.size()));
          position = Math.max(position, recorder.record(workspaceId, List.of(), chunk));
        }
      }
      return nodes.isEmpty() ? recorder.latestPosition() : position;
    }
  }

  private RecordedExecution recordOne(RecordExecution command, String prefix, Batch batch) {
    try {
      return write(command, prefix, batch);
    } catch (InvalidArgumentException e) {
      if (prefix.isEmpty() || e.field().startsWith(prefix)) {
        throw e;
      }
      throw e.prefixed(prefix);
    }
  }

  /** Writes one execution; with a batch, its lineage changes join the batch's outbox rows. */
  private RecordedExecution write(RecordExecution command, String prefix, Batch batch) {
    Workspace workspace =
        batch == null ? workspaces.get(command.workspace()) : batch.workspace(command.workspace());
    Execution execution;
    boolean executionCreated = false;
    if (command.executionId() != null) {
      execution = executions.reference(workspace, command.executionId(), prefix + "execution_id");
    } else if (command.execution() != null) {
      ExecutionService.Written written =
          executions.write(workspace, command.execution(), prefix + "execution");
      execution = written.execution();
      executionCreated = written.created();
    } else {
      throw new InvalidArgumentException(
          prefix + "execution", "is required (an execution_id or a new execution)");
    }
    int[] created = {0};
    List<Artifact> inputs = resolve(workspace, command.inputs(), prefix + "inputs", created);
    List<Artifact> outputs = resolve(workspace, command.outputs(), prefix + "outputs", created);
    List<Context> linkedContexts = new ArrayList<>();
    List<ContextLink> contextLinks = command.contexts() == null ? List.of() : command.contexts();
    for (int i = 0; i < contextLinks.size(); i++) {
      linkedContexts.add(resolve(workspace, contextLinks.get(i), prefix + "contexts[" + i + "]"));
    }

    List<NewEvent> events = new ArrayList<>();
    inputs.forEach(a -> events.add(new NewEvent(execution.id(), a.id(), EventType.INPUT)));
    outputs.forEach(a -> events.add(new NewEvent(execution.id(), a.id(), EventType.OUTPUT)));
    int eventsWritten = links.addEvents(workspace.id(), events, clock.instant());

    Set<Long> artifactIds = new LinkedHashSet<>();
    inputs.forEach(a -> artifactIds.add(a.id()));
    outputs.forEach(a -> artifactIds.add(a.id()));
    for (Context context : linkedContexts) {
      links.addAttributions(context.id(), artifactIds);
      links.addAssociations(context.id(), List.of(execution.id()));
    }
    boolean changed = executionCreated || created[0] > 0 || eventsWritten > 0;
    long position = 0;
    if (changed && batch != null) {
      batch.add(
          workspace.id(),
          lineageNodes(workspace.id(), execution, inputs, outputs),
          lineageEdges(execution, inputs, outputs));
    } else if (changed) {
      position =
          lineage.record(
              workspace.id(),
              lineageNodes(workspace.id(), execution, inputs, outputs),
              lineageEdges(execution, inputs, outputs));
    } else if (batch == null) {
      position = lineage.latestPosition();
    }
    return new RecordedExecution(
        execution,
        List.copyOf(inputs),
        List.copyOf(outputs),
        List.copyOf(linkedContexts),
        created[0],
        eventsWritten,
        position);
  }

  private static List<LineageNode> lineageNodes(
      long workspaceId, Execution execution, List<Artifact> inputs, List<Artifact> outputs) {
    List<LineageNode> nodes = new ArrayList<>();
    nodes.add(LineageNode.of(workspaceId, execution));
    inputs.forEach(a -> nodes.add(LineageNode.of(workspaceId, a)));
    outputs.forEach(a -> nodes.add(LineageNode.of(workspaceId, a)));
    return nodes;
  }

  private List<LineageEdge> lineageEdges(
      Execution execution, List<Artifact> inputs, List<Artifact> outputs) {
    Instant now = clock.instant();
    List<LineageEdge> edges = new ArrayList<>();
    inputs.forEach(a -> edges.add(new LineageEdge(a.id(), execution.id(), EventType.INPUT, now)));
    outputs.forEach(a -> edges.add(new LineageEdge(a.id(), execution.id(), EventType.OUTPUT, now)));
    return edges;
  }

  private List<Artifact> resolve(
      Workspace workspace, List<ArtifactLink> artifactLinks, String field, int[] created) {
    List<Artifact> resolved = new ArrayList<>();
    if (artifactLinks == null) {
      return resolved;
    }
    for (int i = 0; i < artifactLinks.size(); i++) {
      ArtifactLink link = artifactLinks.get(i);
      String itemField = field + "[" + i + "]";
      if (link.artifactId() != null) {
        resolved.add(artifacts.reference(workspace, link.artifactId(), itemField + ".artifact_id"));
      } else if (link.newArtifact() != null) {
        ArtifactService.Written written =
            artifacts.write(
                workspace, link.newArtifact(), link.reuseIfExists(), itemField + ".new_artifact");
        if (written.created()) {
          created[0]++;
        }
        resolved.add(written.artifact());
      } else {
        throw new InvalidArgumentException(
            itemField, "is required (an artifact_id or a new_artifact)");
      }
    }
    return resolved;
  }

  private Context resolve(Workspace workspace, ContextLink link, String field) {
    if (link.contextId() != null) {
      return contexts.reference(workspace, link.contextId(), field + ".context_id");
    }
    if (link.spec() != null) {
      return contexts.write(workspace, link.spec(), true, field + ".context_spec");
    }
    throw new InvalidArgumentException(field, "is required (a context_id or a context_spec)");
  }
}
