package io.mlmeta.server.store.jpa;

import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.store.WorkspaceStore;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

@ApplicationScoped
public class JpaWorkspaceStore implements WorkspaceStore, PanacheRepository<WorkspaceEntity> {

  /** Workspace names never change, so id-to-name lookups are cached for the process lifetime. */
  private final Map<Long, String> names = new ConcurrentHashMap<>();

  @Override
  public Optional<Workspace> findByName(String name) {
    return find("name", name).firstResultOptional().map(JpaWorkspaceStore::toDomain);
  }

  @Override
  public String nameOf(long workspaceId) {
    return names.computeIfAbsent(
        workspaceId,
        id -> {
          WorkspaceEntity entity = findById(id);
          if (entity == null) {
            throw NotFoundException.of("workspace", id);
          }
          return entity.name;
        });
  }

  @Override
  public Workspace create(
      String name, String description, Map<String, String> labels, Instant now) {
    WorkspaceEntity entity = new WorkspaceEntity();
    entity.name = name;
    entity.description = description;
    entity.labels = JsonColumns.write(labels);
    entity.createTime = now;
    entity.updateTime = now;
    persist(entity);
    Constraints.flush(
        getEntityManager(),
        Map.of(
            "workspace_name_unique",
            () -> new AlreadyExistsException("workspace " + name + " already exists")));
    return toDomain(entity);
  }

  @Override
  public Workspace update(long id, String description, Map<String, String> labels, Instant now) {
    WorkspaceEntity entity = findById(id);
    entity.description = description;
    entity.labels = JsonColumns.write(labels);
    entity.updateTime = now;
    return toDomain(entity);
  }

  @Override
  public List<Workspace> list(@Nullable Set<Long> only, long afterId, int limit) {
    if (only != null && only.isEmpty()) {
      return List.of();
    }
    var query =
        only == null
            ? find("id > ?1 order by id", afterId)
            : find("id > ?1 and id in ?2 order by id", afterId, only);
    return query.page(0, limit).list().stream().map(JpaWorkspaceStore::toDomain).toList();
  }

  static Workspace toDomain(WorkspaceEntity e) {
    return new Workspace(
        e.id, e.name, e.description, JsonColumns.labels(e.labels), e.createTime, e.updateTime);
  }
}
