package io.mlmeta.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.Context;
import io.mlmeta.server.domain.ContextFilter;
import io.mlmeta.server.domain.ContextSpec;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Persistence of contexts and their parent links. */
public interface ContextStore {

  /**
   * @throws io.mlmeta.server.domain.error.AlreadyExistsException if the workspace has a context of
   *     that type and name
   */
  Context insert(long workspaceId, long typeId, ContextSpec spec, Instant now);

  Optional<Context> byId(long id);

  List<Context> findByIds(Collection<Long> ids);

  Optional<Context> findByName(long workspaceId, long typeId, String name);

  Optional<Context> findByExternalId(long workspaceId, String externalId);

  Context update(long id, String description, ObjectNode properties, Instant now);

  /** Adds a parent link; returns false if it existed. */
  boolean addParent(long contextId, long parentContextId);

  /** Whether {@code candidate} is {@code contextId} or one of its ancestors. */
  boolean isSelfOrAncestor(long contextId, long candidate);

  List<Context> list(
      long workspaceId, @Nullable Long typeId, ContextFilter filter, long afterId, int limit);
}
