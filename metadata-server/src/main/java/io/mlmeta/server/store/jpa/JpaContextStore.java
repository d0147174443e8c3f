package io.mlmeta.server.store.jpa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.Context;
import io.mlmeta.server.domain.ContextFilter;
import io.mlmeta.server.domain.ContextSpec;
import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.store.ContextStore;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

@ApplicationScoped
public class JpaContextStore implements ContextStore, PanacheRepository<ContextEntity> {

  @Inject NameCache names;

  @Override
  public Context insert(long workspaceId, long typeId, ContextSpec spec, Instant now) {
    ContextEntity entity = new ContextEntity();
    entity.workspaceId = workspaceId;
    entity.typeId = typeId;
    entity.externalId = spec.externalId();
    entity.name = spec.name();
    // The service hands over a validated spec, whose description is set ("" when not given).
    entity.description = Objects.requireNonNull(spec.description());
    entity.labels = JsonColumns.write(spec.labels());
    entity.properties = JsonColumns.write(spec.properties());
    entity.createTime = now;
    entity.updateTime = now;
    persist(entity);
    Constraints.flush(
        getEntityManager(),
        Map.of(
            "context_name_unique",
            () ->
                new AlreadyExistsException(
                    "a " + names.type(typeId) + " named " + spec.name() + " already exists"),
            "context_external_id_unique",
            () ->
                new AlreadyExistsException(
                    "a context with external_id " + spec.externalId() + " already exists")));
    return toDomain(entity, List.of());
  }

  @Override
  public Optional<Context> byId(long id) {
    return findByIdOptional(id).map(this::toDomain);
  }

  @Override
  public List<Context> findByIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return toDomain(
        ArrayQueries.list(
            getEntityManager(),
            ContextEntity.class,
            "select * from context where id = any(cast(?1 as bigint[]))",
            (Object) ids.toArray(Long[]::new)));
  }

  @Override
  public Optional<Context> findByName(long workspaceId, long typeId, String name) {
    return find("workspaceId = ?1 and typeId = ?2 and name = ?3", workspaceId, typeId, name)
        .firstResultOptional()
        .map(this::toDomain);
  }

  @Override
  public Optional<Context> findByExternalId(long workspaceId, String externalId) {
    return find("workspaceId = ?1 and externalId = ?2", workspaceId, externalId)
        .firstResultOptional()
        .map(this::toDomain);
  }

  @Override
  public Context update(long id, String description, ObjectNode properties, Instant now) {
    ContextEntity entity = findById(id);
    entity.description = description;
    entity.properties = JsonColumns.write(properties);
    entity.updateTime = now;
    return toDomain(entity);
  }

  @Override
  public boolean addParent(long contextId, long parentContextId) {
    return getEntityManager()
            .createNativeQuery(
                "insert into parent_context (context_id, parent_context_id) values (?1, ?2)"
                    + " on conflict do nothing")
            .setParameter(1, contextId)
            .setParameter(2, parentContextId)
            .executeUpdate()
        > 0;
  }

  @Override
  public boolean isSelfOrAncestor(long contextId, long candidate) {
    if (contextId == candidate) {
      return true;
    }
    Object found =
        getEntityManager()
            .createNativeQuery(
                "with recursive ancestors(id) as ("
                    + " select parent_context_id from parent_context where context_id = ?1"
                    + " union select p.parent_context_id from parent_context p"
                    + " join ancestors a on p.context_id = a.id)"
                    + " select exists (select 1 from ancestors where id = ?2)")
            .setParameter(1, contextId)
            .setParameter(2, candidate)
            .getSingleResult();
    return Boolean.TRUE.equals(found);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Context> list(
      long workspaceId, @Nullable Long typeId, ContextFilter filter, long afterId, int limit) {
    SqlWhere where =
        new SqlWhere()
            .add("c.workspace_id = :workspace", "workspace", workspaceId)
            .add("c.id > :after", "after", afterId)
            .addIfPresent("c.type_id = :type", "type", typeId)
            .addIfPresent("c.name = :name", "name", filter.name())
            .typedFilters(
                "c",
                "c.labels",
                filter.labels() == null || filter.labels().isEmpty() ? null : filter.labels(),
                filter.propertiesContain(),
                filter.createdAfter(),
                filter.createdBefore(),
                filter.externalId())
            .addIfPresent(
                "exists (select 1 from parent_context p where p.context_id = c.id"
                    + " and p.parent_context_id = :parent)",
                "parent",
                filter.parentContextId());
    var query =
        getEntityManager()
            .createNativeQuery(
                "select c.* from context c where " + where.sql() + " order by c.id limit :limit",
                ContextEntity.class)
            .setParameter("limit", limit);
    where.bind(query);
    return toDomain((List<ContextEntity>) query.getResultList());
  }

  private Context toDomain(ContextEntity entity) {
    return toDomain(List.of(entity)).get(0);
  }

  /** Maps a batch, loading all parent links with one query. */
  @SuppressWarnings("unchecked")
  private List<Context> toDomain(List<ContextEntity> entities) {
    if (entities.isEmpty()) {
      return List.of();
    }
    List<Object[]> rows =
        getEntityManager()
            .createNativeQuery(
                "select context_id, parent_context_id from parent_context"
                    + " where context_id = any(cast(?1 as bigint[])) order by parent_context_id")
            .setParameter(1, entities.stream().map(e -> e.id).toArray(Long[]::new))
            .getResultList();
    Map<Long, List<Long>> parents = new HashMap<>();
    for (Object[] row : rows) {
      parents
          .computeIfAbsent(((Number) row[0]).longValue(), key -> new ArrayList<>())
          .add(((Number) row[1]).longValue());
    }
    return entities.stream().map(e -> toDomain(e, parents.getOrDefault(e.id, List.of()))).toList();
  }

  private Context toDomain(ContextEntity e, List<Long> parentIds) {
    return new Context(
        e.id,
        names.workspace(e.workspaceId),
        names.type(e.typeId),
        e.externalId,
        e.name,
        e.description,
        JsonColumns.labels(e.labels),
        JsonColumns.object(e.properties),
        List.copyOf(parentIds),
        e.createTime,
        e.updateTime);
  }
}
