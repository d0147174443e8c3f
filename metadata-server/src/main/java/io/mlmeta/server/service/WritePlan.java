package io.mlmeta.server.service;

import io.mlmeta.server.domain.ArtifactSpec;
import io.mlmeta.server.domain.ContextSpec;
import io.mlmeta.server.domain.ExecutionSpec;
import io.mlmeta.server.domain.Workspace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a write will reference, collected before it reads anything: the identities it must claim
 * first, then what {@link WriteSession#prefetch(WritePlan)} reads in one query per kind. Raw
 * request values are collected as they are; a malformed one is reported when its item is resolved.
 * A new entity of a workspace that does not resolve (null) contributes its type only.
 */
final class WritePlan {

  private final Identities identities = new Identities();
  private final Set<String> typeNames = new HashSet<>();
  private final Set<Long> executionIds = new HashSet<>();
  private final Set<Long> artifactIds = new HashSet<>();
  private final Set<Long> contextIds = new HashSet<>();
  private final Map<Long, Set<String>> executionExternalIds = new HashMap<>();
  private final Map<Long, List<ArtifactSpec>> newArtifacts = new HashMap<>();
  private final Map<Long, List<ArtifactSpec>> reusableArtifacts = new HashMap<>();

  /** An existing execution, named by id. */
  void execution(long id) {
    executionIds.add(id);
  }

  /** A new execution, found instead by its external id if that names one already. */
  void newExecution(@Nullable Workspace workspace, ExecutionSpec spec) {
    addIfPresent(typeNames, spec.type());
    if (workspace != null) {
      identities.execution(workspace.id(), spec.externalId());
      addIfPresent(
          executionExternalIds.computeIfAbsent(workspace.id(), id -> new HashSet<>()),
          spec.externalId());
    }
  }

  /** An existing artifact, named by id. */
  void artifact(long id) {
    artifactIds.add(id);
  }

  /**
   * A new artifact, found instead by its external id, or with {@code reuseIfExists} by its type,
   * uri, name and version.
   */
  void newArtifact(@Nullable Workspace workspace, ArtifactSpec spec, boolean reuseIfExists) {
    addIfPresent(typeNames, spec.type());
    if (workspace != null) {
      identities.artifact(workspace.id(), spec, reuseIfExists);
      newArtifacts.computeIfAbsent(workspace.id(), id -> new ArrayList<>()).add(spec);
      if (reuseIfExists) {
        reusableArtifacts.computeIfAbsent(workspace.id(), id -> new ArrayList<>()).add(spec);
      }
    }
  }

  /** An existing context, named by id. */
  void context(long id) {
    contextIds.add(id);
  }

  /** A context found by external id or name, or created. */
  void newContext(@Nullable Workspace workspace, ContextSpec spec) {
    addIfPresent(typeNames, spec.type());
    if (workspace != null) {
      identities.context(workspace.id(), spec);
    }
  }

  Identities identities() {
    return identities;
  }

  Set<String> typeNames() {
    return typeNames;
  }

  Set<Long> executionIds() {
    return executionIds;
  }

  /** Per workspace id, the external ids of new executions. */
  Map<Long, Set<String>> executionExternalIds() {
    return executionExternalIds;
  }

  Set<Long> artifactIds() {
    return artifactIds;
  }

  /** Per workspace id, the specs of new artifacts. */
  Map<Long, List<ArtifactSpec>> newArtifacts() {
    return newArtifacts;
  }

  /** Per workspace id, the specs of new artifacts that may reuse an equivalent one. */
  Map<Long, List<ArtifactSpec>> reusableArtifacts() {
    return reusableArtifacts;
  }

  Set<Long> contextIds() {
    return contextIds;
  }

  private static void addIfPresent(Set<String> values, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      values.add(value);
    }
  }
}
