package io.mlmeta.server.service;

import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.ArtifactLink;
import io.mlmeta.server.domain.ArtifactSpec;
import io.mlmeta.server.domain.Context;
import io.mlmeta.server.domain.ContextLink;
import io.mlmeta.server.domain.Event;
import io.mlmeta.server.domain.EventType;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.RecordExecution;
import io.mlmeta.server.domain.RecordedExecution;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.error.MetadataException;
import io.mlmeta.server.outbox.OutboxWriter;
import io.mlmeta.server.store.IdentityClaims;
import io.mlmeta.server.store.LinkStore;
import io.mlmeta.server.store.LinkStore.Membership;
import io.mlmeta.server.store.LinkStore.NewEvent;
import io.mlmeta.server.store.PendingWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The central write: an execution with its inputs, outputs and contexts, in one transaction.
 *
 * <p>Idempotency rule: a new execution with an external id is written once, with its inputs,
 * outputs and links. Recording it again (a retry, a re-run, the same item twice in a batch) returns
 * what is stored for it, with its events and contexts as they are now, and adds nothing, not even
 * artifacts without an external id. Linking more to an existing execution is done by naming it with
 * {@code execution_id}. Identities are claimed before anything is read ({@link IdentityClaims}), so
 * concurrent first writes of one execution, artifact or context create it once.
 *
 * <p>A batch is written set-based: what its items reference is read up front in one query per kind
 * ({@link WriteBatch}), then each item is checked and resolved in order (so errors name the first
 * failing item), new rows are queued and flushed together in JDBC batches, and all events,
 * attributions and associations go out in one statement.
 */
@ServiceBoundary
@ApplicationScoped
public class RecordExecutionService {

  private final WorkspaceService workspaces;
  private final ArtifactService artifacts;
  private final ExecutionService executions;
  private final ContextService contexts;
  private final TypeService types;
  private final LinkStore links;
  private final PendingWrites pending;
  private final IdentityClaims claims;
  private final OutboxWriter lineage;
  private final MlmetaConfig config;
  private final Clock clock;

  RecordExecutionService(
      WorkspaceService workspaces,
      ArtifactService artifacts,
      ExecutionService executions,
      ContextService contexts,
      TypeService types,
      LinkStore links,
      PendingWrites pending,
      IdentityClaims claims,
      OutboxWriter lineage,
      MlmetaConfig config,
      Clock clock) {
    this.claims = claims;
    this.lineage = lineage;
    this.workspaces = workspaces;
    this.artifacts = artifacts;
    this.executions = executions;
    this.contexts = contexts;
    this.types = types;
    this.links = links;
    this.pending = pending;
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
    return write(List.of(command), 0, false).get(0);
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
    return write(commands, firstIndex, true);
  }

  /**
   * One item resolved: its execution, artifacts and contexts, found or queued for insert. A replay
   * (the execution was recorded before) adds nothing; its lists are what is stored.
   */
  private record Item(
      Workspace workspace,
      Execution execution,
      boolean executionCreated,
      List<Artifact> inputs,
      List<Artifact> outputs,
      List<Context> contexts,
      int artifactsCreated,
      boolean replay) {

    static Item replay(Workspace workspace, Execution execution) {
      return new Item(workspace, execution, false, List.of(), List.of(), List.of(), 0, true);
    }

    /** This replay, answering with what is stored for its execution. */
    Item replaying(
        List<Artifact> storedInputs, List<Artifact> storedOutputs, List<Context> stored) {
      return new Item(
          workspace,
          execution,
          false,
          List.copyOf(storedInputs),
          List.copyOf(storedOutputs),
          List.copyOf(stored),
          0,
          true);
    }
  }

  private List<RecordedExecution> write(
      List<RecordExecution> commands, int firstIndex, boolean batched) {
    WriteBatch batch = new WriteBatch();
    Map<String, Workspace> workspaceByName = new HashMap<>();
    prefetch(commands, batch, workspaceByName);
    List<Item> items = new ArrayList<>(commands.size());
    Map<Long, Item> createdInBatch = new HashMap<>();
    for (int i = 0; i < commands.size(); i++) {
      String prefix = batched ? "executions[" + (firstIndex + i) + "]." : "";
      Item item = resolveItem(commands.get(i), prefix, batch, workspaceByName);
      Item earlier = item.replay() ? createdInBatch.get(item.execution().id()) : null;
      if (earlier != null) {
        item = item.replaying(earlier.inputs(), earlier.outputs(), earlier.contexts());
      } else if (item.executionCreated()) {
        createdInBatch.put(item.execution().id(), item);
      }
      items.add(item);
    }
    items = withStoredReplays(items, createdInBatch.keySet(), batch);
    pending.flush();
    int[] eventsWritten = writeLinks(items);

    OutboxWriter.Pending outbox = lineage.pending();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      if (item.replay()) {
        continue;
      }
      if (item.executionCreated() || item.artifactsCreated() > 0 || eventsWritten[i] > 0) {
        outbox.execution(
            item.workspace().id(),
            item.execution(),
            item.inputs(),
            item.outputs(),
            clock.instant());
      }
    }
    // A single call keeps nodes and edges in one outbox row; a batch groups them per workspace.
    long position = batched ? outbox.appendChunked() : outbox.appendAsOneRowPerWorkspace();
    List<RecordedExecution> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      results.add(
          new RecordedExecution(
              item.execution(),
              item.inputs(),
              item.outputs(),
              item.contexts(),
              item.artifactsCreated(),
              eventsWritten[i],
              position));
    }
    return results;
  }

  /**
   * Fills the replays of executions recorded before this write with what is stored for them: their
   * events' artifacts in order and their contexts, read with one query per kind.
   */
  private List<Item> withStoredReplays(
      List<Item> items, Set<Long> createdInBatch, WriteBatch batch) {
    Set<Long> storedIds = new LinkedHashSet<>();
    for (Item item : items) {
      if (item.replay() && !createdInBatch.contains(item.execution().id())) {
        storedIds.add(item.execution().id());
      }
    }
    if (storedIds.isEmpty()) {
      return items;
    }
    Map<Long, List<Event>> events = links.eventsOfExecutions(storedIds);
    Map<Long, List<Long>> contextIds = links.contextsOfExecutions(storedIds);
    Set<Long> artifactIds = new HashSet<>();
    events.values().forEach(list -> list.forEach(e -> artifactIds.add(e.artifactId())));
    Set<Long> allContextIds = new HashSet<>();
    contextIds.values().forEach(allContextIds::addAll);
    artifacts.prefetch(batch, artifactIds, Map.of(), Map.of());
    contexts.prefetch(batch, allContextIds);
    List<Item> filled = new ArrayList<>(items.size());
    for (Item item : items) {
      long executionId = item.execution().id();
      if (!item.replay() || !storedIds.contains(executionId)) {
        filled.add(item);
        continue;
      }
      List<Artifact> inputs = new ArrayList<>();
      List<Artifact> outputs = new ArrayList<>();
      for (Event event : events.getOrDefault(executionId, List.of())) {
        Artifact artifact = batch.artifacts.peek(event.artifactId()).orElseThrow();
        (event.type() == EventType.INPUT ? inputs : outputs).add(artifact);
      }
      List<Context> linked = new ArrayList<>();
      for (long contextId : contextIds.getOrDefault(executionId, List.of())) {
        linked.add(batch.contexts.peek(contextId).orElseThrow());
      }
      filled.add(item.replaying(inputs, outputs, linked));
    }
    return filled;
  }

  /**
   * Claims every identity the items find-or-create by, then reads what the items reference, in one
   * query per kind: the workspaces, the types, executions, artifacts and contexts referenced by id,
   * those named by external ids, and the artifacts that new ones with reuse_if_exists may reuse.
   * Malformed references are left for the items to report.
   */
  private void prefetch(
      List<RecordExecution> commands, WriteBatch batch, Map<String, Workspace> workspaceByName) {
    Set<String> typeNames = new HashSet<>();
    Set<Long> executionIds = new HashSet<>();
    Set<Long> artifactIds = new HashSet<>();
    Set<Long> contextIds = new HashSet<>();
    Map<Long, Set<String>> executionExternalIds = new HashMap<>();
    Map<Long, List<ArtifactSpec>> newArtifacts = new HashMap<>();
    Map<Long, List<ArtifactSpec>> reused = new HashMap<>();
    Identities identities = new Identities();
    for (RecordExecution command : commands) {
      Workspace workspace = knownWorkspace(command.workspace(), workspaceByName);
      if (command.executionId() != null) {
        executionIds.add(command.executionId());
      } else if (command.execution() != null) {
        addIfPresent(typeNames, command.execution().type());
        if (workspace != null) {
          identities.execution(workspace.id(), command.execution().externalId());
          ArtifactService.addIfValid(
              executionExternalIds.computeIfAbsent(workspace.id(), id -> new HashSet<>()),
              command.execution().externalId());
        }
      }
      for (List<ArtifactLink> artifactLinks :
          List.of(orEmpty(command.inputs()), orEmpty(command.outputs()))) {
        for (ArtifactLink link : artifactLinks) {
          if (link.artifactId() != null) {
            artifactIds.add(link.artifactId());
          } else if (link.newArtifact() != null) {
            addIfPresent(typeNames, link.newArtifact().type());
            if (workspace != null) {
              identities.artifact(workspace.id(), link.newArtifact(), link.reuseIfExists());
              newArtifacts
                  .computeIfAbsent(workspace.id(), id -> new ArrayList<>())
                  .add(link.newArtifact());
              if (link.reuseIfExists()) {
                reused
                    .computeIfAbsent(workspace.id(), id -> new ArrayList<>())
                    .add(link.newArtifact());
              }
            }
          }
        }
      }
      for (ContextLink link : orEmpty(command.contexts())) {
        if (link.contextId() != null) {
          contextIds.add(link.contextId());
        } else if (link.spec() != null) {
          addIfPresent(typeNames, link.spec().type());
          if (workspace != null) {
            identities.context(workspace.id(), link.spec());
          }
        }
      }
    }
    // Before any lookup (and any row lock), so that what the lookups find stays true.
    identities.claimWith(claims);
    types.prefetch(batch, typeNames);
    executions.prefetch(batch, executionIds, executionExternalIds);
    artifacts.prefetch(batch, artifactIds, newArtifacts, reused);
    contexts.prefetch(batch, contextIds);
  }

  /** The workspace, or null if the name does not resolve: its items then report why. */
  private Workspace knownWorkspace(String name, Map<String, Workspace> workspaceByName) {
    try {
      return workspace(name, workspaceByName);
    } catch (MetadataException e) {
      return null;
    }
  }

  private Workspace workspace(String name, Map<String, Workspace> workspaceByName) {
    Workspace known = workspaceByName.get(name);
    if (known == null) {
      known = workspaces.forWrite(name);
      workspaceByName.put(name, known);
    }
    return known;
  }

  private static void addIfPresent(Set<String> names, String name) {
    if (name != null && !name.isBlank()) {
      names.add(name);
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private Item resolveItem(
      RecordExecution command,
      String prefix,
      WriteBatch batch,
      Map<String, Workspace> workspaceByName) {
    try {
      return resolve(command, prefix, batch, workspaceByName);
    } catch (InvalidArgumentException e) {
      if (prefix.isEmpty() || e.field().startsWith(prefix)) {
        throw e;
      }
      throw e.prefixed(prefix);
    }
  }

  private Item resolve(
      RecordExecution command,
      String prefix,
      WriteBatch batch,
      Map<String, Workspace> workspaceByName) {
    Workspace workspace = workspace(command.workspace(), workspaceByName);
    Execution execution;
    boolean executionCreated = false;
    if (command.executionId() != null) {
      execution =
          executions.reference(workspace, command.executionId(), prefix + "execution_id", batch);
    } else if (command.execution() != null) {
      ExecutionService.Written written =
          executions.write(workspace, command.execution(), prefix + "execution", batch);
      if (!written.created()) {
        return Item.replay(workspace, written.execution());
      }
      execution = written.execution();
      executionCreated = true;
    } else {
      throw new InvalidArgumentException(
          prefix + "execution", "is required (an execution_id or a new execution)");
    }
    int[] created = {0};
    List<Artifact> inputs = resolve(workspace, command.inputs(), prefix + "inputs", created, batch);
    List<Artifact> outputs =
        resolve(workspace, command.outputs(), prefix + "outputs", created, batch);
    List<Context> linkedContexts = new ArrayList<>();
    List<ContextLink> contextLinks = orEmpty(command.contexts());
    for (int i = 0; i < contextLinks.size(); i++) {
      linkedContexts.add(
          resolve(workspace, contextLinks.get(i), prefix + "contexts[" + i + "]", batch));
    }
    return new Item(
        workspace,
        execution,
        executionCreated,
        List.copyOf(inputs),
        List.copyOf(outputs),
        List.copyOf(linkedContexts),
        created[0],
        false);
  }

  /**
   * Writes the events, attributions and associations of all items in one statement. An event two
   * items share counts for the first, as if the items had been written one after the other.
   *
   * @return per item, how many of its events were new
   */
  private int[] writeLinks(List<Item> items) {
    Map<NewEvent, Integer> firstItem = new LinkedHashMap<>();
    Set<Membership> attributions = new LinkedHashSet<>();
    Set<Membership> associations = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      if (item.replay()) {
        continue;
      }
      long workspaceId = item.workspace().id();
      long executionId = item.execution().id();
      for (Artifact input : item.inputs()) {
        firstItem.putIfAbsent(
            new NewEvent(workspaceId, executionId, input.id(), EventType.INPUT), i);
      }
      for (Artifact output : item.outputs()) {
        firstItem.putIfAbsent(
            new NewEvent(workspaceId, executionId, output.id(), EventType.OUTPUT), i);
      }
      for (Context context : item.contexts()) {
        item.inputs().forEach(a -> attributions.add(new Membership(context.id(), a.id())));
        item.outputs().forEach(a -> attributions.add(new Membership(context.id(), a.id())));
        associations.add(new Membership(context.id(), executionId));
      }
    }
    Set<NewEvent> added =
        links.addLinks(
            new ArrayList<>(firstItem.keySet()), attributions, associations, clock.instant());
    int[] written = new int[items.size()];
    added.forEach(event -> written[firstItem.get(event)]++);
    return written;
  }

  private List<Artifact> resolve(
      Workspace workspace,
      List<ArtifactLink> artifactLinks,
      String field,
      int[] created,
      WriteBatch batch) {
    List<Artifact> resolved = new ArrayList<>();
    if (artifactLinks == null) {
      return resolved;
    }
    for (int i = 0; i < artifactLinks.size(); i++) {
      ArtifactLink link = artifactLinks.get(i);
      String itemField = field + "[" + i + "]";
      if (link.artifactId() != null) {
        resolved.add(
            artifacts.reference(workspace, link.artifactId(), itemField + ".artifact_id", batch));
      } else if (link.newArtifact() != null) {
        ArtifactService.Written written =
            artifacts.write(
                workspace,
                link.newArtifact(),
                link.reuseIfExists(),
                itemField + ".new_artifact",
                batch);
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

  private Context resolve(Workspace workspace, ContextLink link, String field, WriteBatch batch) {
    if (link.contextId() != null) {
      return contexts.reference(workspace, link.contextId(), field + ".context_id", batch);
    }
    if (link.spec() != null) {
      WriteBatch.ContextKey key = new WriteBatch.ContextKey(workspace.id(), link.spec());
      Context known = batch.contextsBySpec.get(key);
      if (known == null) {
        known = contexts.write(workspace, link.spec(), true, field + ".context_spec", batch);
        batch.contextsBySpec.put(key, known);
      }
      return known;
    }
    throw new InvalidArgumentException(field, "is required (a context_id or a context_spec)");
  }
}
