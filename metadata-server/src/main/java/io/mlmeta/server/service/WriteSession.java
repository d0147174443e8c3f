package io.mlmeta.server.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.ArtifactSpec;
import io.mlmeta.server.domain.ArtifactState;
import io.mlmeta.server.domain.Context;
import io.mlmeta.server.domain.ContextSpec;
import io.mlmeta.server.domain.Event;
import io.mlmeta.server.domain.EventType;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.ExecutionSpec;
import io.mlmeta.server.domain.ExecutionState;
import io.mlmeta.server.domain.MetadataType;
import io.mlmeta.server.domain.TypeKind;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.identity.Role;
import io.mlmeta.server.outbox.OutboxWriter;
import io.mlmeta.server.service.validation.Inputs;
import io.mlmeta.server.store.ArtifactStore;
import io.mlmeta.server.store.ArtifactStore.Equivalence;
import io.mlmeta.server.store.ContextStore;
import io.mlmeta.server.store.ExecutionStore;
import io.mlmeta.server.store.IdentityClaims;
import io.mlmeta.server.store.LinkStore;
import io.mlmeta.server.store.LinkStore.Membership;
import io.mlmeta.server.store.LinkStore.NewEvent;
import io.mlmeta.server.store.PendingWrites;
import io.mlmeta.server.store.TypeStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One write's unit of work, for one transaction: it claims identities, reads up front what the
 * write references with one set-based query per kind, answers the write's lookups from that (and
 * from what the write itself created, so a later item finds an earlier one's rows), queues new rows
 * and links, and flushes them in as few statements as possible. Writers ({@link
 * RecordExecutionService}, the single creates) keep their own rules and call it for everything that
 * touches the stores on the way. Opened by {@link WriteSessions}; never shared between
 * transactions, so it never serves stale types or rows.
 */
final class WriteSession {

  private final WorkspaceService workspaceService;
  private final TypeStore typeStore;
  private final ArtifactStore artifactStore;
  private final ExecutionStore executionStore;
  private final ContextStore contextStore;
  private final LinkStore linkStore;
  private final PendingWrites pending;
  private final IdentityClaims claims;
  private final OutboxWriter.Pending lineage;
  private final Clock clock;

  private final Map<String, Workspace> workspaces = new HashMap<>();
  private final Lookup<String, MetadataType> types = new Lookup<>();
  private final Lookup<Long, Artifact> artifacts = new Lookup<>();
  private final Lookup<ExternalKey, Artifact> artifactsByExternalId = new Lookup<>();
  private final Lookup<EquivalenceKey, Artifact> equivalents = new Lookup<>();
  private final Map<EquivalenceKey, Artifact> createdEquivalents = new HashMap<>();
  private final Lookup<Long, Execution> lockedExecutions = new Lookup<>();
  private final Lookup<ExternalKey, Execution> executionsByExternalId = new Lookup<>();
  private final Lookup<Long, Context> contexts = new Lookup<>();
  private final Map<ContextKey, Context> contextsBySpec = new HashMap<>();
  private final Map<NewEvent, QueuedLinks> events = new LinkedHashMap<>();
  private final Set<Membership> attributions = new LinkedHashSet<>();
  private final Set<Membership> associations = new LinkedHashSet<>();

  WriteSession(
      WorkspaceService workspaceService,
      TypeStore typeStore,
      ArtifactStore artifactStore,
      ExecutionStore executionStore,
      ContextStore contextStore,
      LinkStore linkStore,
      PendingWrites pending,
      IdentityClaims claims,
      OutboxWriter lineage,
      Clock clock) {
    this.workspaceService = workspaceService;
    this.typeStore = typeStore;
    this.artifactStore = artifactStore;
    this.executionStore = executionStore;
    this.contextStore = contextStore;
    this.linkStore = linkStore;
    this.pending = pending;
    this.claims = claims;
    this.lineage = lineage.pending();
    this.clock = clock;
  }

  // Claims and prefetch.

  /**
   * Claims every identity the write will find or create by, for the rest of the transaction. Done
   * before any lookup (and any row lock), so that what the lookups find stays true.
   */
  void claim(Identities identities) {
    identities.claimWith(claims);
  }

  /**
   * Reads what the plan references, in one query per kind: the types, the executions (locked) and
   * artifacts and contexts referenced by id, those named by the external ids of new ones, and the
   * artifacts that new ones with reuse_if_exists may reuse. What a query did not find is known not
   * to exist; later lookups of it issue no query.
   */
  void prefetch(WritePlan plan) {
    prefetchTypes(plan.typeNames());
    prefetchExecutions(plan.executionIds(), plan.executionExternalIds());
    prefetchArtifacts(plan.artifactIds(), plan.newArtifacts(), plan.reusableArtifacts());
    prefetchContexts(plan.contextIds());
  }

  /**
   * Reads the current revision of every named type in one query. A revision is looked up per
   * transaction, never cached across requests, so a type evolved on another replica is seen at
   * once.
   */
  private void prefetchTypes(Collection<String> names) {
    if (names.isEmpty()) {
      return;
    }
    Map<String, MetadataType> found = new HashMap<>();
    typeStore.findByNames(names).forEach(t -> found.put(typeKey(t.kind(), t.name()), t));
    List<String> keys = new ArrayList<>();
    for (TypeKind kind : TypeKind.values()) {
      names.forEach(name -> keys.add(typeKey(kind, name)));
    }
    types.prefetched(keys, found);
  }

  private void prefetchExecutions(Collection<Long> ids, Map<Long, Set<String>> externalIds) {
    if (!ids.isEmpty()) {
      Map<Long, Execution> found = new HashMap<>();
      executionStore.findByIdsForUpdate(ids).forEach(e -> found.put(e.id(), e));
      lockedExecutions.prefetched(ids, found);
    }
    externalIds.forEach(
        (workspaceId, names) ->
            prefetchExternalIds(
                executionsByExternalId, workspaceId, names, executionStore::findByExternalIds));
  }

  private void prefetchArtifacts(
      Collection<Long> ids,
      Map<Long, List<ArtifactSpec>> newArtifacts,
      Map<Long, List<ArtifactSpec>> reusable) {
    if (!ids.isEmpty()) {
      Map<Long, Artifact> found = new HashMap<>();
      artifactStore.findByIds(ids).forEach(a -> found.put(a.id(), a));
      artifacts.prefetched(ids, found);
    }
    newArtifacts.forEach(
        (workspaceId, specs) -> {
          Set<String> externalIds = new HashSet<>();
          for (ArtifactSpec spec : specs) {
            if (spec.externalId() != null && !spec.externalId().isBlank()) {
              externalIds.add(spec.externalId());
            }
          }
          prefetchExternalIds(
              artifactsByExternalId, workspaceId, externalIds, artifactStore::findByExternalIds);
        });
    reusable.forEach(
        (workspaceId, specs) -> {
          Set<Equivalence> keys = new HashSet<>();
          for (ArtifactSpec spec : specs) {
            if (spec.type() == null) {
              continue;
            }
            types
                .peek(typeKey(TypeKind.ARTIFACT, spec.type()))
                .ifPresent(type -> keys.add(ArtifactService.equivalence(type, spec.properties())));
          }
          if (keys.isEmpty()) {
            return;
          }
          Map<EquivalenceKey, Artifact> found = new HashMap<>();
          artifactStore
              .findEquivalents(workspaceId, keys)
              .forEach((key, a) -> found.put(new EquivalenceKey(workspaceId, key), a));
          equivalents.prefetched(
              keys.stream().map(key -> new EquivalenceKey(workspaceId, key)).toList(), found);
        });
  }

  private void prefetchContexts(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    Map<Long, Context> found = new HashMap<>();
    contextStore.findByIds(ids).forEach(c -> found.put(c.id(), c));
    contexts.prefetched(ids, found);
  }

  /**
   * Reads the values of one workspace's external ids with one query ({@code find} maps each
   * external id found to its value) and records them, the ids not found included.
   */
  private static <V> void prefetchExternalIds(
      Lookup<ExternalKey, V> lookup,
      long workspaceId,
      Collection<String> externalIds,
      BiFunction<Long, Collection<String>, Map<String, V>> find) {
    if (externalIds.isEmpty()) {
      return;
    }
    Map<ExternalKey, V> found = new HashMap<>();
    find.apply(workspaceId, externalIds)
        .forEach((id, value) -> found.put(new ExternalKey(workspaceId, id), value));
    lookup.prefetched(
        externalIds.stream().map(id -> new ExternalKey(workspaceId, id)).toList(), found);
  }

  // Lookups: from what was prefetched or created; anything else is read when first asked.

  /**
   * The workspace a write names, for its id and name only.
   *
   * @throws NotFoundException if there is no workspace of that name
   */
  Workspace workspace(String name) {
    Workspace known = workspaces.get(name);
    if (known == null) {
      known = workspaceService.forWrite(name);
      workspaces.put(name, known);
    }
    return known;
  }

  /** The type an instance names; an unknown type is a NOT_FOUND, a missing name names the field. */
  MetadataType type(TypeKind kind, String field, String name) {
    String validName = Inputs.required(field, name);
    return types
        .get(typeKey(kind, validName), key -> typeStore.find(kind, validName))
        .orElseThrow(() -> TypeService.unknown(kind, validName));
  }

  /** An existing artifact referenced by id from a write in {@code workspace}. */
  Artifact artifact(Workspace workspace, long id, String field) {
    Artifact artifact =
        artifacts
            .get(id, artifactStore::byId)
            .orElseThrow(
                () -> new NotFoundException(field + ": artifact " + id + " does not exist"));
    if (!Objects.equals(artifact.workspace(), workspace.name())) {
      throw new InvalidArgumentException(field, "artifact " + id + " belongs to another workspace");
    }
    return artifact;
  }

  /**
   * An existing artifact referenced by id as an input: it may lie in any workspace the caller may
   * read. In one it cannot read, it does not exist for the caller.
   */
  Artifact readableArtifact(Principal caller, long id, String field) {
    Supplier<NotFoundException> missing =
        () -> new NotFoundException(field + ": artifact " + id + " does not exist");
    Artifact artifact = artifacts.get(id, artifactStore::byId).orElseThrow(missing);
    workspaceService.requireForEntity(caller, artifact.workspace(), Role.READER, missing);
    return artifact;
  }

  /** The artifact of the workspace with that external id, stored or created in this session. */
  Optional<Artifact> artifactByExternalId(long workspaceId, String externalId) {
    return artifactsByExternalId.get(
        new ExternalKey(workspaceId, externalId),
        key ->
            Optional.ofNullable(
                artifactStore.findByExternalIds(workspaceId, List.of(externalId)).get(externalId)));
  }

  /** The oldest equivalent artifact, whether it was stored before or this session created it. */
  Optional<Artifact> equivalentArtifact(long workspaceId, Equivalence equivalence) {
    EquivalenceKey key = new EquivalenceKey(workspaceId, equivalence);
    Optional<Artifact> stored =
        equivalents.get(
            key,
            k ->
                Optional.ofNullable(
                    artifactStore
                        .findEquivalents(workspaceId, List.of(equivalence))
                        .get(equivalence)));
    Artifact created = createdEquivalents.get(key);
    if (created == null) {
      return stored;
    }
    if (stored.isEmpty() || created.id() < stored.get().id()) {
      return Optional.of(created);
    }
    return stored;
  }

  /** An existing execution referenced by id from a write in {@code workspace}, locked. */
  Execution execution(Workspace workspace, long id, String field) {
    Execution execution =
        lockedExecutions
            .get(id, executionStore::findByIdForUpdate)
            .orElseThrow(
                () -> new NotFoundException(field + ": execution " + id + " does not exist"));
    if (!Objects.equals(execution.workspace(), workspace.name())) {
      throw new InvalidArgumentException(
          field, "execution " + id + " belongs to another workspace");
    }
    return execution;
  }

  /** The execution of the workspace with that external id, stored or created in this session. */
  Optional<Execution> executionByExternalId(long workspaceId, String externalId) {
    return executionsByExternalId.get(
        new ExternalKey(workspaceId, externalId),
        key ->
            Optional.ofNullable(
                executionStore
                    .findByExternalIds(workspaceId, List.of(externalId))
                    .get(externalId)));
  }

  /** An existing context referenced by id from a write in {@code workspace}. */
  Context context(Workspace workspace, long id, String field) {
    Context context =
        contexts
            .get(id, contextStore::byId)
            .orElseThrow(
                () -> new NotFoundException(field + ": context " + id + " does not exist"));
    if (!Objects.equals(context.workspace(), workspace.name())) {
      throw new InvalidArgumentException(field, "context " + id + " belongs to another workspace");
    }
    return context;
  }

  /**
   * The context a spec of the workspace resolved to earlier in this session, else what {@code
   * findOrCreate} answers: the same spec in two items finds or creates one context.
   */
  Context contextBySpec(long workspaceId, ContextSpec spec, Supplier<Context> findOrCreate) {
    ContextKey key = new ContextKey(workspaceId, spec);
    Context known = contextsBySpec.get(key);
    if (known == null) {
      known = findOrCreate.get();
      contextsBySpec.put(key, known);
    }
    return known;
  }

  /** What is stored for executions recorded before this session: their artifacts and contexts. */
  record Recorded(List<Artifact> inputs, List<Artifact> outputs, List<Context> contexts) {}

  /**
   * What is stored for each of the executions: their events' artifacts in order and their contexts,
   * read with one query per kind.
   */
  Map<Long, Recorded> recorded(Collection<Long> executionIds) {
    Map<Long, List<Event>> eventsByExecution = linkStore.eventsOfExecutions(executionIds);
    Map<Long, List<Long>> contextIds = linkStore.contextsOfExecutions(executionIds);
    Set<Long> artifactIds = new HashSet<>();
    eventsByExecution.values().forEach(list -> list.forEach(e -> artifactIds.add(e.artifactId())));
    Set<Long> allContextIds = new HashSet<>();
    contextIds.values().forEach(allContextIds::addAll);
    prefetchArtifacts(artifactIds, Map.of(), Map.of());
    prefetchContexts(allContextIds);
    Map<Long, Recorded> recorded = new HashMap<>();
    for (long executionId : executionIds) {
      List<Artifact> inputs = new ArrayList<>();
      List<Artifact> outputs = new ArrayList<>();
      for (Event event : eventsByExecution.getOrDefault(executionId, List.of())) {
        Artifact artifact = artifacts.peek(event.artifactId()).orElseThrow();
        (event.type() == EventType.INPUT ? inputs : outputs).add(artifact);
      }
      List<Context> linked = new ArrayList<>();
      for (long contextId : contextIds.getOrDefault(executionId, List.of())) {
        linked.add(contexts.peek(contextId).orElseThrow());
      }
      recorded.put(executionId, new Recorded(inputs, outputs, linked));
    }
    return recorded;
  }

  // Queueing: new rows and links wait for flush().

  /**
   * Queues a new artifact; later lookups of its external id and equivalence find it.
   *
   * @param equivalence what reuse_if_exists would find it by
   */
  Artifact queueArtifact(
      Workspace workspace,
      MetadataType type,
      @Nullable String externalId,
      ArtifactState state,
      ObjectNode properties,
      @Nullable String digest,
      Equivalence equivalence) {
    Artifact created =
        artifactStore.add(
            workspace.id(), type.id(), externalId, state, properties, digest, clock.instant());
    if (externalId != null) {
      artifactsByExternalId.put(new ExternalKey(workspace.id(), externalId), created);
    }
    createdEquivalents.putIfAbsent(new EquivalenceKey(workspace.id(), equivalence), created);
    return created;
  }

  /** Queues a new, validated execution; later lookups of its external id find it. */
  Execution queueExecution(
      Workspace workspace,
      MetadataType type,
      ExecutionSpec valid,
      ExecutionState state,
      @Nullable Instant startTime,
      @Nullable Instant endTime,
      Instant now) {
    Execution created =
        executionStore.add(workspace.id(), type.id(), valid, state, startTime, endTime, now);
    if (valid.externalId() != null) {
      executionsByExternalId.put(new ExternalKey(workspace.id(), valid.externalId()), created);
    }
    return created;
  }

  /**
   * Queues an execution's events (inputs, then outputs), the attributions of its artifacts to its
   * contexts and its associations with them. An event queued twice counts for the first caller, as
   * if the writes had been one after the other.
   *
   * @return how many of these events were new, known once flushed
   */
  QueuedLinks queueLinks(
      long workspaceId,
      Execution execution,
      List<Artifact> inputs,
      List<Artifact> outputs,
      List<Context> linkedContexts) {
    QueuedLinks queued = new QueuedLinks();
    long executionId = execution.id();
    for (Artifact input : inputs) {
      events.putIfAbsent(
          new NewEvent(workspaceId, executionId, input.id(), EventType.INPUT), queued);
    }
    for (Artifact output : outputs) {
      events.putIfAbsent(
          new NewEvent(workspaceId, executionId, output.id(), EventType.OUTPUT), queued);
    }
    for (Context context : linkedContexts) {
      inputs.forEach(a -> attributions.add(new Membership(context.id(), a.id())));
      outputs.forEach(a -> attributions.add(new Membership(context.id(), a.id())));
      associations.add(new Membership(context.id(), executionId));
    }
    return queued;
  }

  /** How many of the events one {@link #queueLinks} call queued were new. */
  static final class QueuedLinks {
    /** The links of a write that queued none, such as a replay. */
    static final QueuedLinks NONE = new QueuedLinks();

    private int newEvents;

    private QueuedLinks() {}

    /** Zero until the session is flushed. */
    int newEvents() {
      return newEvents;
    }
  }

  // Flush and lineage.

  /**
   * Writes every queued row with one set-based insert per table, then every queued link, all in one
   * statement.
   *
   * @throws io.mlmeta.server.domain.error.AlreadyExistsException if a concurrent write took one of
   *     the external ids meanwhile
   */
  void flush() {
    pending.flush();
    if (events.isEmpty() && attributions.isEmpty() && associations.isEmpty()) {
      return;
    }
    Set<NewEvent> added =
        linkStore.addLinks(
            new ArrayList<>(events.keySet()), attributions, associations, clock.instant());
    events.forEach(
        (event, links) -> {
          if (added.contains(event)) {
            links.newEvents++;
          }
        });
    events.clear();
    attributions.clear();
    associations.clear();
  }

  /** Adds an execution with its inputs and outputs to the lineage changes to append. */
  void lineage(
      long workspaceId, Execution execution, List<Artifact> inputs, List<Artifact> outputs) {
    lineage.execution(workspaceId, execution, inputs, outputs, clock.instant());
  }

  /**
   * Appends the lineage changes as one outbox row per workspace, nodes and edges together: the
   * shape of a single call, which a consumer applies in one step.
   *
   * @return the position a read must wait for to see this write
   */
  long appendLineageAsOneRowPerWorkspace() {
    return lineage.appendAsOneRowPerWorkspace();
  }

  /**
   * Appends the lineage changes of a batch in bounded rows, nodes before the edges between them.
   *
   * @return the position a read must wait for to see this write
   */
  long appendLineageInChunks() {
    return lineage.appendChunked();
  }

  private static String typeKey(TypeKind kind, String name) {
    return kind.name() + ':' + name;
  }

  /** An external id within a workspace. */
  private record ExternalKey(long workspaceId, String externalId) {}

  /** The identity of a data set or model within a workspace (reuse_if_exists). */
  private record EquivalenceKey(long workspaceId, Equivalence equivalence) {}

  /** A context spec of a workspace. */
  private record ContextKey(long workspaceId, ContextSpec spec) {}

  /** Values read up front for a set of keys; a key outside that set is read when first asked. */
  private static final class Lookup<K, V> {
    private final Set<K> known = new HashSet<>();
    private final Map<K, V> values = new HashMap<>();

    /** Records what a query for {@code keys} found: the keys it did not find do not exist. */
    void prefetched(Collection<K> keys, Map<K, V> found) {
      known.addAll(keys);
      values.putAll(found);
    }

    Optional<V> get(K key, Function<K, Optional<V>> load) {
      if (known.add(key)) {
        load.apply(key).ifPresent(value -> values.put(key, value));
      }
      return Optional.ofNullable(values.get(key));
    }

    void put(K key, V value) {
      known.add(key);
      values.put(key, value);
    }

    /** The value if it was read or put already; never reads. */
    Optional<V> peek(K key) {
      return Optional.ofNullable(values.get(key));
    }
  }
}
