package io.mlmeta.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.ExecutionFilter;
import io.mlmeta.server.domain.ExecutionSpec;
import io.mlmeta.server.domain.ExecutionState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Persistence of executions. */
public interface ExecutionStore {

  /**
   * Queues a new execution; its row is written with the next {@link PendingWrites#flush()},
   * together with the rest of the batch.
   */
  Execution add(
      long workspaceId,
      long typeId,
      ExecutionSpec spec,
      ExecutionState state,
      @Nullable Instant startTime,
      @Nullable Instant endTime,
      Instant now);

  Optional<Execution> byId(long id);

  /** The workspace id of an execution, if it exists. */
  Optional<Long> workspaceOf(long id);

  /** Locks the execution row for an update in this transaction. */
  Optional<Execution> findByIdForUpdate(long id);

  List<Execution> findByIds(Collection<Long> ids);

  /**
   * Locks the existing executions among {@code ids}, in id order, for updates in this transaction.
   */
  List<Execution> findByIdsForUpdate(Collection<Long> ids);

  /** The executions of the workspace that have one of {@code externalIds}, by external id. */
  Map<String, Execution> findByExternalIds(long workspaceId, Collection<String> externalIds);

  Execution update(
      long id,
      ExecutionState state,
      ObjectNode properties,
      @Nullable String errorMessage,
      @Nullable Instant startTime,
      @Nullable Instant endTime,
      Instant now);

  List<Execution> list(
      long workspaceId, @Nullable Long typeId, ExecutionFilter filter, long afterId, int limit);
}
