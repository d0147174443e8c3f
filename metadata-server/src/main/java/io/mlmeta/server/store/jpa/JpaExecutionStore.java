package io.mlmeta.server.store.jpa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.ExecutionFilter;
import io.mlmeta.server.domain.ExecutionSpec;
import io.mlmeta.server.domain.ExecutionState;
import io.mlmeta.server.store.ExecutionStore;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

@ApplicationScoped
public class JpaExecutionStore implements ExecutionStore, PanacheRepository<ExecutionEntity> {

  @Inject NameCache names;
  @Inject QueuedRows queued;

  private final IdBlocks ids = new IdBlocks("execution_seq");

  @Override
  public Execution add(
      long workspaceId,
      long typeId,
      ExecutionSpec spec,
      ExecutionState state,
      @Nullable Instant startTime,
      @Nullable Instant endTime,
      Instant now) {
    // The service hands over a validated spec, whose description is set ("" when not given).
    String description = Objects.requireNonNull(spec.description());
    long id = ids.next(getEntityManager());
    queued
        .executions()
        .add(
            new QueuedRows.ExecutionRow(
                id,
                workspaceId,
                typeId,
                spec.externalId(),
                spec.name(),
                description,
                JsonColumns.write(spec.labels()),
                state.name(),
                JsonColumns.write(spec.properties()),
                spec.errorMessage(),
                startTime,
                endTime,
                now));
    return new Execution(
        id,
        names.workspace(workspaceId),
        names.type(typeId),
        spec.externalId(),
        spec.name(),
        description,
        spec.labels() == null ? Map.of() : new TreeMap<>(spec.labels()),
        state,
        spec.properties() == null ? JsonColumns.object(null) : spec.properties(),
        spec.errorMessage(),
        startTime,
        endTime,
        now,
        now);
  }

  @Override
  public Optional<Execution> byId(long id) {
    return findByIdOptional(id).map(this::toDomain);
  }

  @Override
  public Optional<Long> workspaceOf(long id) {
    return findByIdOptional(id).map(entity -> entity.workspaceId);
  }

  @Override
  public Optional<Execution> findByIdForUpdate(long id) {
    return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).map(this::toDomain);
  }

  @Override
  public List<Execution> findByIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return ArrayQueries.list(
            getEntityManager(),
            ExecutionEntity.class,
            "select * from execution where id = any(cast(?1 as bigint[]))",
            (Object) ids.toArray(Long[]::new))
        .stream()
        .map(this::toDomain)
        .toList();
  }

  @Override
  public List<Execution> findByIdsForUpdate(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    // In id order, so two batches that share executions lock them in the same order.
    return ArrayQueries.list(
            getEntityManager(),
            ExecutionEntity.class,
            "select * from execution where id = any(cast(?1 as bigint[])) order by id"
                + " for no key update",
            (Object) ids.toArray(Long[]::new))
        .stream()
        .map(this::toDomain)
        .toList();
  }

  @Override
  public Map<String, Execution> findByExternalIds(
      long workspaceId, Collection<String> externalIds) {
    Map<String, Execution> found = new HashMap<>();
    if (!externalIds.isEmpty()) {
      ArrayQueries.list(
              getEntityManager(),
              ExecutionEntity.class,
              "select * from execution where workspace_id = ?1"
                  + " and external_id = any(cast(?2 as text[]))",
              workspaceId,
              externalIds.toArray(String[]::new))
          .forEach(entity -> found.put(entity.externalId, toDomain(entity)));
    }
    return found;
  }

  @Override
  public Execution update(
      long id,
      ExecutionState state,
      ObjectNode properties,
      @Nullable String errorMessage,
      @Nullable Instant startTime,
      @Nullable Instant endTime,
      Instant now) {
    ExecutionEntity entity = findById(id);
    entity.state = state.name();
    entity.properties = JsonColumns.write(properties);
    entity.errorMessage = errorMessage;
    entity.startTime = startTime;
    entity.endTime = endTime;
    entity.updateTime = now;
    return toDomain(entity);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Execution> list(
      long workspaceId, @Nullable Long typeId, ExecutionFilter filter, long afterId, int limit) {
    SqlWhere where =
        new SqlWhere()
            .add("e.workspace_id = :workspace", "workspace", workspaceId)
            .add("e.id > :after", "after", afterId)
            .addIfPresent("e.name = :name", "name", filter.name())
            .addIfPresent(
                "e.state = :state", "state", filter.state() == null ? null : filter.state().name())
            .typedFilters(
                "e",
                "e.labels",
                filter.labels() == null || filter.labels().isEmpty() ? null : filter.labels(),
                filter.propertiesContain(),
                filter.createdAfter(),
                filter.createdBefore(),
                filter.externalId())
            .addIfPresent(
                "exists (select 1 from association s where s.execution_id = e.id"
                    + " and s.context_id = :context)",
                "context",
                filter.contextId());
    String orderBy = where.typeOrder("e", typeId);
    var query =
        getEntityManager()
            .createNativeQuery(
                "select e.* from execution e where "
                    + where.sql()
                    + " order by "
                    + orderBy
                    + " limit :limit",
                ExecutionEntity.class)
            .setParameter("limit", limit);
    where.bind(query);
    return ((List<ExecutionEntity>) query.getResultList()).stream().map(this::toDomain).toList();
  }

  private Execution toDomain(ExecutionEntity e) {
    return new Execution(
        e.id,
        names.workspace(e.workspaceId),
        names.type(e.typeId),
        e.externalId,
        e.name,
        e.description,
        JsonColumns.labels(e.labels),
        ExecutionState.valueOf(e.state),
        JsonColumns.object(e.properties),
        e.errorMessage,
        e.startTime,
        e.endTime,
        e.createTime,
        e.updateTime);
  }
}
