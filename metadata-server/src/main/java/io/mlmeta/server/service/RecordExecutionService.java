package io.mlmeta.server.service;

import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.ArtifactLink;
import io.mlmeta.server.domain.Context;
import io.mlmeta.server.domain.ContextLink;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.RecordExecution;
import io.mlmeta.server.domain.RecordedExecution;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.error.MetadataException;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.Role;
import io.mlmeta.server.service.WriteSession.QueuedLinks;
import io.mlmeta.server.service.WriteSession.Recorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The central write: an execution with its inputs, outputs and contexts, in one transaction.
 *
 * <p>Idempotency rule: a new execution with an external id is written once, with its inputs,
 * outputs and links. Recording it again (a retry, a re-run, the same item twice in a batch) returns
 * what is stored for it, with its events and contexts as they are now, and adds nothing, not even
 * artifacts without an external id. Linking more to an existing execution is done by naming it with
 * {@code execution_id}. Identities are claimed before anything is read ({@link
 * io.mlmeta.server.store.IdentityClaims}), so concurrent first writes of one execution, artifact or
 * context create it once.
 *
 * <p>A batch is written set-based through one {@link WriteSession}: what its items reference is
 * read up front in one query per kind, then each item is checked and resolved in order (so errors
 * name the first failing item), new rows are queued and flushed with one set-based insert per
 * table, and all events, attributions and associations go out in one statement. {@link #write}
 * reads as those steps.
 */
@ServiceBoundary
@ApplicationScoped
public class RecordExecutionService {

  private final WriteSessions sessions;
  private final ArtifactService artifacts;
  private final ExecutionService executions;
  private final ContextService contexts;
  private final WorkspaceService workspaces;
  private final MlmetaConfig config;

  RecordExecutionService(
      WriteSessions sessions,
      ArtifactService artifacts,
      ExecutionService executions,
      ContextService contexts,
      WorkspaceService workspaces,
      MlmetaConfig config) {
    this.workspaces = workspaces;
    this.sessions = sessions;
    this.artifacts = artifacts;
    this.executions = executions;
    this.contexts = contexts;
    this.config = config;
  }

  /**
   * Records one execution, all or nothing.
   *
   * @throws io.mlmeta.server.domain.error.NotFoundException if the workspace, a type or a
   *     referenced entity does not exist
   * @throws InvalidArgumentException if any field is malformed; the message names it, for example
   *     {@code outputs[1].new_artifact.properties.training_framework}
   */
  @ChangesMetadata
  @Transactional
  public RecordedExecution record(Principal caller, RecordExecution command) {
    return write(caller, List.of(command), 0, false).get(0);
  }

  /**
   * Records a batch of executions in one transaction: all of them or none.
   *
   * @throws InvalidArgumentException for an empty or oversized batch, or naming the failing item as
   *     {@code executions[i]....}
   */
  @ChangesMetadata
  @Transactional
  public List<RecordedExecution> recordAll(Principal caller, List<RecordExecution> commands) {
    return recordAll(caller, commands, 0);
  }

  /**
   * Like {@link #recordAll(List)}, for a batch that starts at {@code firstIndex} of a longer
   * stream: errors name items by their position in the stream.
   */
  @ChangesMetadata
  @Transactional
  public List<RecordedExecution> recordAll(
      Principal caller, List<RecordExecution> commands, int firstIndex) {
    return write(caller, commands, firstIndex, true);
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
      Principal caller, List<RecordExecution> commands, int firstIndex, boolean batched) {
    // 1. Validate the batch, check the caller writes in its workspaces, and plan what its items
    // reference (their fields are checked in 4).
    if (batched) {
      checkBatchSize(commands.size());
    }
    checkWriter(caller, commands);
    WriteSession session = sessions.open();
    WritePlan plan = plan(commands, session);

    // 2. Claim every identity the items find or create by, before anything is read or locked.
    session.claim(plan.identities());

    // 3. Prefetch what the items reference, one query per kind.
    session.prefetch(plan);

    // 4. Resolve each item in order: find or queue its execution, artifacts and contexts.
    List<Item> items = new ArrayList<>(commands.size());
    Map<Long, Item> createdInBatch = new HashMap<>();
    for (int i = 0; i < commands.size(); i++) {
      String prefix = batched ? "executions[" + (firstIndex + i) + "]." : "";
      Item item = resolveItem(caller, commands.get(i), prefix, session);
      Item earlier = item.replay() ? createdInBatch.get(item.execution().id()) : null;
      if (earlier != null) {
        item = item.replaying(earlier.inputs(), earlier.outputs(), earlier.contexts());
      } else if (item.executionCreated()) {
        createdInBatch.put(item.execution().id(), item);
      }
      items.add(item);
    }

    // 5. Answer replays of executions recorded before this write with what is stored for them.
    items = withStoredReplays(items, createdInBatch.keySet(), session);

    // 6. Queue the links: events, attributions and associations.
    List<QueuedLinks> links = new ArrayList<>(items.size());
    for (Item item : items) {
      links.add(
          item.replay()
              ? QueuedLinks.NONE
              : session.queueLinks(
                  item.workspace().id(),
                  item.execution(),
                  item.inputs(),
                  item.outputs(),
                  item.contexts()));
    }

    // 7. Flush: the queued rows in one insert per table, then all links in one statement.
    session.flush();

    // 8. Append the lineage changes of the items that changed something.
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      if (!item.replay()
          && (item.executionCreated()
              || item.artifactsCreated() > 0
              || links.get(i).newEvents() > 0)) {
        session.lineage(item.workspace().id(), item.execution(), item.inputs(), item.outputs());
      }
    }
    // A single call keeps nodes and edges in one outbox row; a batch groups them per workspace.
    long position =
        batched ? session.appendLineageInChunks() : session.appendLineageAsOneRowPerWorkspace();

    // 9. Build the results.
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
              links.get(i).newEvents(),
              position));
    }
    return results;
  }

  /**
   * Refuses a batch of no items or of more than one call may hold. Adapters call it with the count
   * alone, before they convert the items, so an oversized batch costs nothing more than its bytes.
   */
  public void checkBatchSize(int items) {
    if (items == 0) {
      throw new InvalidArgumentException("executions", "must not be empty");
    }
    int max = config.limits().maxBatchSize();
    if (items > max) {
      throw new InvalidArgumentException(
          "executions", "holds " + items + " items; the limit is " + max);
    }
  }

  /**
   * What the items reference: the types, executions, artifacts and contexts named by id, and the
   * new ones to find by identity. An item whose workspace does not resolve is left to report why.
   */
  private static WritePlan plan(List<RecordExecution> commands, WriteSession session) {
    WritePlan plan = new WritePlan();
    for (RecordExecution command : commands) {
      Workspace workspace = knownWorkspace(command.workspace(), session);
      if (command.executionId() != null) {
        plan.execution(command.executionId());
      } else if (command.execution() != null) {
        plan.newExecution(workspace, command.execution());
      }
      for (List<ArtifactLink> artifactLinks :
          List.of(orEmpty(command.inputs()), orEmpty(command.outputs()))) {
        for (ArtifactLink link : artifactLinks) {
          if (link.artifactId() != null) {
            plan.artifact(link.artifactId());
          } else if (link.newArtifact() != null) {
            plan.newArtifact(workspace, link.newArtifact(), link.reuseIfExists());
          }
        }
      }
      for (ContextLink link : orEmpty(command.contexts())) {
        if (link.contextId() != null) {
          plan.context(link.contextId());
        } else if (link.spec() != null) {
          plan.newContext(workspace, link.spec());
        }
      }
    }
    return plan;
  }

  /**
   * The caller must be a writer in every workspace the batch writes to: checked once per workspace,
   * not per item. Names that do not resolve are left to their items to report with the field path.
   */
  private void checkWriter(Principal caller, List<RecordExecution> commands) {
    Set<String> checked = new HashSet<>();
    for (RecordExecution command : commands) {
      String name = command.workspace();
      if (name == null || !checked.add(name)) {
        continue;
      }
      Workspace workspace;
      try {
        workspace = workspaces.forWrite(name);
      } catch (MetadataException e) {
        continue;
      }
      workspaces.require(caller, workspace, Role.WRITER);
    }
  }

  /** The workspace, or null if the name does not resolve: its items then report why. */
  private static @Nullable Workspace knownWorkspace(String name, WriteSession session) {
    try {
      return session.workspace(name);
    } catch (MetadataException e) {
      return null;
    }
  }

  private static <T> List<T> orEmpty(@Nullable List<T> list) {
    return list == null ? List.of() : list;
  }

  /**
   * Fills the replays of executions recorded before this write with what is stored for them: their
   * events' artifacts in order and their contexts.
   */
  private static List<Item> withStoredReplays(
      List<Item> items, Set<Long> createdInBatch, WriteSession session) {
    Set<Long> storedIds = new LinkedHashSet<>();
    for (Item item : items) {
      if (item.replay() && !createdInBatch.contains(item.execution().id())) {
        storedIds.add(item.execution().id());
      }
    }
    if (storedIds.isEmpty()) {
      return items;
    }
    Map<Long, Recorded> recorded = session.recorded(storedIds);
    List<Item> filled = new ArrayList<>(items.size());
    for (Item item : items) {
      Recorded stored = item.replay() ? recorded.get(item.execution().id()) : null;
      filled.add(
          stored == null
              ? item
              : item.replaying(stored.inputs(), stored.outputs(), stored.contexts()));
    }
    return filled;
  }

  private Item resolveItem(
      Principal caller, RecordExecution command, String prefix, WriteSession session) {
    try {
      return resolve(caller, command, prefix, session);
    } catch (InvalidArgumentException e) {
      if (prefix.isEmpty() || e.field().startsWith(prefix)) {
        throw e;
      }
      throw e.prefixed(prefix);
    }
  }

  private Item resolve(
      Principal caller, RecordExecution command, String prefix, WriteSession session) {
    Workspace workspace = session.workspace(command.workspace());
    Execution execution;
    boolean executionCreated = false;
    if (command.executionId() != null) {
      execution = session.execution(workspace, command.executionId(), prefix + "execution_id");
    } else if (command.execution() != null) {
      ExecutionService.Written written =
          executions.write(workspace, command.execution(), prefix + "execution", session);
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
    // Inputs may be another team's artifacts the caller can read; outputs are the workspace's own.
    List<Artifact> inputs =
        resolve(workspace, command.inputs(), prefix + "inputs", caller, created, session);
    List<Artifact> outputs =
        resolve(workspace, command.outputs(), prefix + "outputs", null, created, session);
    List<Context> linkedContexts = new ArrayList<>();
    List<ContextLink> contextLinks = orEmpty(command.contexts());
    for (int i = 0; i < contextLinks.size(); i++) {
      linkedContexts.add(
          resolve(workspace, contextLinks.get(i), prefix + "contexts[" + i + "]", session));
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
   * The artifacts of the links; with a {@code reader}, existing artifacts may also come from other
   * workspaces that caller may read.
   */
  private List<Artifact> resolve(
      Workspace workspace,
      @Nullable List<ArtifactLink> artifactLinks,
      String field,
      @Nullable Principal reader,
      int[] created,
      WriteSession session) {
    List<Artifact> resolved = new ArrayList<>();
    if (artifactLinks == null) {
      return resolved;
    }
    for (int i = 0; i < artifactLinks.size(); i++) {
      ArtifactLink link = artifactLinks.get(i);
      String itemField = field + "[" + i + "]";
      if (link.artifactId() != null) {
        String idField = itemField + ".artifact_id";
        resolved.add(
            reader == null
                ? session.artifact(workspace, link.artifactId(), idField)
                : session.readableArtifact(reader, link.artifactId(), idField));
      } else if (link.newArtifact() != null) {
        ArtifactService.Written written =
            artifacts.write(
                workspace,
                link.newArtifact(),
                link.reuseIfExists(),
                itemField + ".new_artifact",
                session);
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

  private Context resolve(
      Workspace workspace, ContextLink link, String field, WriteSession session) {
    if (link.contextId() != null) {
      return session.context(workspace, link.contextId(), field + ".context_id");
    }
    if (link.spec() != null) {
      return session.contextBySpec(
          workspace.id(),
          link.spec(),
          () -> contexts.write(workspace, link.spec(), true, field + ".context_spec", session));
    }
    throw new InvalidArgumentException(field, "is required (a context_id or a context_spec)");
  }
}
