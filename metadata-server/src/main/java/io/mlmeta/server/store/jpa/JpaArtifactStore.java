package io.mlmeta.server.store.jpa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.ArtifactFilter;
import io.mlmeta.server.domain.ArtifactState;
import io.mlmeta.server.domain.PropertyOrder;
import io.mlmeta.server.domain.PropertyRange;
import io.mlmeta.server.store.ArtifactStore;
import io.mlmeta.server.store.Keyset;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

@ApplicationScoped
public class JpaArtifactStore implements ArtifactStore, PanacheRepository<ArtifactEntity> {

  @Inject NameCache names;
  @Inject QueuedRows queued;

  private final IdBlocks ids = new IdBlocks("artifact_seq");

  @Override
  public Artifact add(
      long workspaceId,
      long typeId,
      @Nullable String externalId,
      ArtifactState state,
      ObjectNode properties,
      @Nullable String digest,
      Instant now) {
    long id = ids.next(getEntityManager());
    queued
        .artifacts()
        .add(
            new QueuedRows.ArtifactRow(
                id,
                workspaceId,
                typeId,
                externalId,
                state.name(),
                JsonColumns.write(properties),
                digest,
                now));
    return new Artifact(
        id,
        names.workspace(workspaceId),
        names.type(typeId),
        externalId,
        state,
        properties,
        digest,
        now,
        now);
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
    return ArrayQueries.list(
            getEntityManager(),
            ArtifactEntity.class,
            "select * from artifact where id = any(cast(?1 as bigint[]))",
            (Object) ids.toArray(Long[]::new))
        .stream()
        .map(this::toDomain)
        .toList();
  }

  @Override
  public Map<String, Artifact> findByExternalIds(long workspaceId, Collection<String> externalIds) {
    Map<String, Artifact> found = new HashMap<>();
    if (!externalIds.isEmpty()) {
      ArrayQueries.list(
              getEntityManager(),
              ArtifactEntity.class,
              "select * from artifact where workspace_id = ?1"
                  + " and external_id = any(cast(?2 as text[]))",
              workspaceId,
              externalIds.toArray(String[]::new))
          .forEach(entity -> found.put(entity.externalId, toDomain(entity)));
    }
    return found;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<Equivalence, Artifact> findEquivalents(
      long workspaceId, Collection<Equivalence> keys) {
    Map<Equivalence, Artifact> found = new HashMap<>();
    // One query per pattern of missing uri, name and version: comparing with "=" and "is null"
    // (not "is not distinct from") lets PostgreSQL use the artifact_dedup index.
    Map<String, List<Equivalence>> byPattern =
        keys.stream()
            .distinct()
            .collect(
                Collectors.groupingBy(
                    key ->
                        matches("uri", "u", key.uri())
                            + " and "
                            + matches("name", "n", key.name())
                            + " and "
                            + matches("version", "v", key.version())));
    for (Map.Entry<String, List<Equivalence>> pattern : byPattern.entrySet()) {
      List<Equivalence> group = pattern.getValue();
      List<ArtifactEntity> rows =
          getEntityManager()
              .createNativeQuery(
                  // Per key an index lookup, whatever the planner guesses of the array's size.
                  "select a.* from unnest(cast(?2 as bigint[]), cast(?3 as text[]),"
                      + " cast(?4 as text[]), cast(?5 as text[])) as k(t, u, n, v)"
                      + " cross join lateral (select * from artifact a where a.workspace_id = ?1"
                      + " and a.type_id = k.t and "
                      + pattern.getKey()
                      + " order by a.id limit 1) as a",
                  ArtifactEntity.class)
              .setParameter(1, workspaceId)
              .setParameter(2, group.stream().map(Equivalence::typeId).toArray(Long[]::new))
              .setParameter(3, group.stream().map(Equivalence::uri).toArray(String[]::new))
              .setParameter(4, group.stream().map(Equivalence::name).toArray(String[]::new))
              .setParameter(5, group.stream().map(Equivalence::version).toArray(String[]::new))
              .getResultList();
      for (ArtifactEntity row : rows) {
        Artifact artifact = toDomain(row);
        found.merge(
            new Equivalence(row.typeId, artifact.uri(), artifact.name(), artifact.version()),
            artifact,
            (a, b) -> a.id() <= b.id() ? a : b);
      }
    }
    return found;
  }

  private static String matches(String column, String key, @Nullable String value) {
    return value == null ? "a." + column + " is null" : "a." + column + " = k." + key;
  }

  @Override
  public Artifact update(
      long id, ArtifactState state, ObjectNode properties, @Nullable String digest, Instant now) {
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
      @Nullable Long typeId,
      ArtifactFilter filter,
      @Nullable PropertyOrder order,
      Keyset after,
      int limit) {
    SqlWhere where =
        new SqlWhere()
            .add("a.workspace_id = :workspace", "workspace", workspaceId)
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
      orderBy = where.typeOrder("a", typeId);
    } else {
      where.addIfPresent("a.type_id = :type", "type", typeId);
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
