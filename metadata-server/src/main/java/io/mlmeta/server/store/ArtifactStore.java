package io.mlmeta.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.ArtifactFilter;
import io.mlmeta.server.domain.ArtifactState;
import io.mlmeta.server.domain.PropertyOrder;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Persistence of artifacts. */
public interface ArtifactStore {

  /**
   * Queues a new artifact; its row is written with the next {@link PendingWrites#flush()}, together
   * with the rest of the batch.
   */
  Artifact add(
      long workspaceId,
      long typeId,
      @Nullable String externalId,
      ArtifactState state,
      ObjectNode properties,
      @Nullable String digest,
      Instant now);

  Optional<Artifact> byId(long id);

  /** The workspace id of an artifact, if it exists. */
  Optional<Long> workspaceOf(long id);

  /** The artifacts that exist among {@code ids}, in no particular order. */
  List<Artifact> findByIds(Collection<Long> ids);

  /** The artifacts of the workspace that have one of {@code externalIds}, by external id. */
  Map<String, Artifact> findByExternalIds(long workspaceId, Collection<String> externalIds);

  /** For each key, the oldest artifact of the workspace with that type, uri, name and version. */
  Map<Equivalence, Artifact> findEquivalents(long workspaceId, Collection<Equivalence> keys);

  /** What makes two artifacts of a workspace the same data set or model (reuse_if_exists). */
  record Equivalence(
      long typeId, @Nullable String uri, @Nullable String name, @Nullable String version) {}

  Artifact update(
      long id, ArtifactState state, ObjectNode properties, @Nullable String digest, Instant now);

  /**
   * Artifacts of a workspace matching {@code filter}, by id, or by a numeric property then id when
   * {@code order} is given; the page starts after {@code after}.
   *
   * @param typeId the filter's type resolved to its id, or null
   */
  List<Artifact> list(
      long workspaceId,
      @Nullable Long typeId,
      ArtifactFilter filter,
      @Nullable PropertyOrder order,
      Keyset after,
      int limit);
}
