package io.mlmeta.server.service;

import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.Context;
import io.mlmeta.server.domain.ContextSpec;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.MetadataType;
import io.mlmeta.server.domain.TypeKind;
import io.mlmeta.server.store.ArtifactStore.Equivalence;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What one write (a record-execution call, a batch of them or a single create) read up front with a
 * few set-based queries, and what it created so far. Items of a batch then look things up here
 * instead of querying one by one, and find what earlier items of the same batch created. Lives for
 * one transaction only, so it never serves another request stale types or rows.
 */
final class WriteBatch {

  /** Values read up front for a set of keys; a key outside that set is read when first asked. */
  static final class Lookup<K, V> {
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

    /**
     * Reads the values of one workspace's external ids with one query ({@code find} maps each
     * external id found to its value) and records them, the ids not found included.
     */
    static <V> void prefetchExternalIds(
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

    /** The value if it was read or put already; never reads. */
    Optional<V> peek(K key) {
      return Optional.ofNullable(values.get(key));
    }
  }

  /** An external id within a workspace. */
  record ExternalKey(long workspaceId, String externalId) {}

  /** The identity of a data set or model within a workspace (reuse_if_exists). */
  record EquivalenceKey(long workspaceId, Equivalence equivalence) {}

  /** A context spec of a workspace: the same spec in two items finds or creates one context. */
  record ContextKey(long workspaceId, ContextSpec spec) {}

  final Lookup<String, MetadataType> types = new Lookup<>();
  final Lookup<ExternalKey, Artifact> artifactsByExternalId = new Lookup<>();
  final Lookup<ExternalKey, Execution> executionsByExternalId = new Lookup<>();
  final Lookup<Long, Artifact> artifacts = new Lookup<>();
  final Lookup<Long, Execution> lockedExecutions = new Lookup<>();
  final Lookup<Long, Context> contexts = new Lookup<>();
  final Map<ContextKey, Context> contextsBySpec = new HashMap<>();
  private final Lookup<EquivalenceKey, Artifact> equivalents = new Lookup<>();
  private final Map<EquivalenceKey, Artifact> createdEquivalents = new HashMap<>();

  static String typeKey(TypeKind kind, String name) {
    return kind.name() + ':' + name;
  }

  void prefetchedEquivalents(Collection<EquivalenceKey> keys, Map<EquivalenceKey, Artifact> found) {
    equivalents.prefetched(keys, found);
  }

  /** The oldest equivalent artifact, whether it existed before the batch or an item created it. */
  Optional<Artifact> equivalent(
      EquivalenceKey key, Function<EquivalenceKey, Optional<Artifact>> load) {
    Optional<Artifact> stored = equivalents.get(key, load);
    Artifact created = createdEquivalents.get(key);
    if (created == null) {
      return stored;
    }
    if (stored.isEmpty() || created.id() < stored.get().id()) {
      return Optional.of(created);
    }
    return stored;
  }

  void created(EquivalenceKey key, Artifact artifact) {
    createdEquivalents.putIfAbsent(key, artifact);
  }
}
