package io.mlmeta.server.store;

import io.mlmeta.server.domain.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Persistence of workspaces. Callers run inside the service's transaction. */
public interface WorkspaceStore {

  Optional<Workspace> findByName(String name);

  /** Returns the name of the workspace with that id; workspace names never change. */
  String nameOf(long workspaceId);

  /**
   * @throws io.mlmeta.server.domain.error.AlreadyExistsException if the name is taken
   */
  Workspace create(String name, String description, Map<String, String> labels, Instant now);

  Workspace update(long id, String description, Map<String, String> labels, Instant now);

  /**
   * Workspaces with ids above {@code afterId}, by id, at most {@code limit}.
   *
   * @param only the ids to choose from, or null for every workspace
   */
  List<Workspace> list(@Nullable Set<Long> only, long afterId, int limit);
}
