package io.mlmeta.server.store.jpa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.ArtifactFilter;
import io.mlmeta.server.domain.ArtifactState;
import io.mlmeta.server.domain.PropertyOrder;
import io.mlmeta.server.domain.PropertyRange;
import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.store.ArtifactStore;
import io.mlmeta.server.store.Keyset;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaArtifactStore implements ArtifactStore, PanacheRepository<ArtifactEntity> {

  @Inject NameCache names;

  @Override
  public Artifact insert(
      long workspaceId,
      long typeId,
      String externalId,
      ArtifactState state,
      ObjectNode properties,
      String digest,
      Instant now) {
    ArtifactEntity entity = new ArtifactEntity();
    entity.workspaceId = workspaceId;
    entity.typeId = typeId;
    entity.externalId = externalId;
    entity.state = state.name();
    entity.properties = JsonColumns.write(properties);
    entity.digest = digest;
    entity.createTime = now;
    entity.updateTime = now;
    persist(entity);
    if (externalId != null) {
      Constraints.flush(
          getEntityManager(),
          Map.of(
              "artifact_external_id_unique",
              () ->
                  new AlreadyExistsException(
                      "an artifact with external_id " + externalId + " already exists")));
    }
    return toDomain(entity);
  }

  @Override
  public Optional<Artifact> byId(long id) {
    return findByIdOptional(id).map(this::toDomain);
  }

  @Override
  public Optional<Long> workspaceOf(long id) {
    return findByIdOptional(id).map(entity -> entity.workspaceId);
  }

  @Override
  public List<Artifact> findByIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return list("id in ?1", ids).stream().map(this::toDomain).toList();
  }

  @Override
  public Optional<Artifact> findByExternalId(long workspaceId, String externalId) {
    return find("workspaceId = ?1 and externalId = ?2", workspaceId, externalId)
        .firstResultOptional()
        .map(this::toDomain);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<Artifact> findEquivalent(
      long workspaceId, long typeId, String uri, String name, String version) {
    List<ArtifactEntity> found =
        getEntityManager()
            .createNativeQuery(
                "select * from artifact where workspace_id = ?1 and type_id = ?2"
                    + " and uri is not distinct from ?3 and name is not distinct from ?4"
                    + " and version is not distinct from ?5 order by id limit 1",
                ArtifactEntity.class)
            .setParameter(1, workspaceId)
            .setParameter(2, typeId)
            .setParameter(3, uri)
            .setParameter(4, name)
            .setParameter(5, version)
            .getResultList();
    return found.stream().findFirst().map(this::toDomain);
  }

  @Override
  public Artifact update(
      long id, ArtifactState state, ObjectNode properties, String digest, Instant now) {
    ArtifactEntity entity = findById(id);
    entity.state = state.name();
    entity.properties = JsonColumns.write(properties);
    entity.digest = digest;
    entity.updateTime = now;
    return toDomain(entity);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Artifact> list(
      long workspaceId,
      Long typeId,
      ArtifactFilter filter,
      PropertyOrder order,
      Keyset after,
      int limit) {
    SqlWhere where =
        new SqlWhere()
            .add("a.workspace_id = :workspace", "workspace", workspaceId)
            .addIfPresent("a.type_id = :type", "type", typeId)
            .addIfPresent("a.name = :name", "name", filter.name())
            .addIfPresent("a.uri = :uri", "uri", filter.uri())
            .addIfPresent("a.version = :version", "version", filter.version())
            .addIfPresent(
                "a.state = :state", "state", filter.state() == null ? null : filter.state().name())
            .typedFilters(
                "a",
                "a.properties",
                filter.labels() == null || filter.labels().isEmpty()
                    ? null
                    : Map.of("labels", filter.labels()),
                filter.propertiesContain(),
                filter.createdAfter(),
                filter.createdBefore(),
                filter.externalId())
            .addIfPresent(
                "exists (select 1 from attribution t where t.artifact_id = a.id"
                    + " and t.context_id = :context)",
                "context",
                filter.contextId());
    for (int i = 0; i < filter.ranges().size(); i++) {
      PropertyRange range = filter.ranges().get(i);
      String value = numberAt("a", ":range" + i);
      where.bindOnly("range" + i, path(range.path()));
      where
          .addIfPresent(value + " > :gt" + i, "gt" + i, range.gt())
          .addIfPresent(value + " >= :gte" + i, "gte" + i, range.gte())
          .addIfPresent(value + " < :lt" + i, "lt" + i, range.lt())
          .addIfPresent(value + " <= :lte" + i, "lte" + i, range.lte());
    }
    String orderBy;
    if (order == null) {
      where.add("a.id > :after", "after", after.afterId());
      orderBy = "a.id";
    } else {
      String value = numberAt("a", ":orderPath");
      where.bindOnly("orderPath", path(order.path()));
      where.addClause(value + " is not null");
      if (after.afterValue() != null) {
        where.add(
            "("
                + value
                + (order.descending() ? " < " : " > ")
                + ":afterValue"
                + " or ("
                + value
                + " = :afterValue and a.id > :after))",
            "afterValue",
            after.afterValue());
        where.bindOnly("after", after.afterId());
      }
      orderBy = value + (order.descending() ? " desc" : " asc") + ", a.id";
    }
    var query =
        getEntityManager()
            .createNativeQuery(
                "select a.* from artifact a where "
                    + where.sql()
                    + " order by "
                    + orderBy
                    + " limit :limit",
                ArtifactEntity.class)
            .setParameter("limit", limit);
    where.bind(query);
    return ((List<ArtifactEntity>) query.getResultList()).stream().map(this::toDomain).toList();
  }

  /** The number at a JSON path of the row's properties, or null if it is not a number. */
  private static String numberAt(String alias, String pathParameter) {
    return "(case when jsonb_typeof("
        + alias
        + ".properties #> cast("
        + pathParameter
        + " as text[])) = 'number' then ("
        + alias
        + ".properties #>> cast("
        + pathParameter
        + " as text[]))::numeric end)";
  }

  private static String[] path(String dotted) {
    return dotted.split("\\.");
  }

  private Artifact toDomain(ArtifactEntity e) {
    return new Artifact(
        e.id,
        names.workspace(e.workspaceId),
        names.type(e.typeId),
        e.externalId,
        ArtifactState.valueOf(e.state),
        JsonColumns.object(e.properties),
        e.digest,
        e.createTime,
        e.updateTime);
  }
}
