package io.mlmeta.server.store.jpa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.MetadataType;
import io.mlmeta.server.domain.TypeKind;
import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.store.TypeStore;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

@ApplicationScoped
public class JpaTypeStore implements TypeStore, PanacheRepository<TypeEntity> {

  @Override
  public Optional<MetadataType> find(TypeKind kind, String name) {
    return find("kind = ?1 and name = ?2", kind.name(), name)
        .firstResultOptional()
        .map(JpaTypeStore::toDomain);
  }

  @Override
  public List<MetadataType> findByNames(Collection<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    return ArrayQueries.list(
            getEntityManager(),
            TypeEntity.class,
            "select * from metadata_type where name = any(cast(?1 as text[]))",
            (Object) names.toArray(String[]::new))
        .stream()
        .map(JpaTypeStore::toDomain)
        .toList();
  }

  @Override
  public MetadataType get(long id) {
    TypeEntity entity = findById(id);
    if (entity == null) {
      throw NotFoundException.of("type", id);
    }
    return toDomain(entity);
  }

  @Override
  public MetadataType create(
      TypeKind kind,
      String name,
      String description,
      ObjectNode schema,
      boolean builtin,
      Instant now) {
    TypeEntity entity = new TypeEntity();
    entity.kind = kind.name();
    entity.name = name;
    entity.version = 1;
    entity.description = description;
    entity.propertiesSchema = JsonColumns.write(schema);
    entity.builtin = builtin;
    entity.createTime = now;
    entity.updateTime = now;
    persist(entity);
    Constraints.flush(
        getEntityManager(),
        Map.of(
            "metadata_type_kind_name_unique",
            () ->
                new AlreadyExistsException(
                    kind.name().toLowerCase() + " type " + name + " already exists")));
    addRevision(entity, now);
    return toDomain(entity);
  }

  @Override
  public MetadataType evolve(long id, String description, ObjectNode schema, Instant now) {
    TypeEntity entity = findById(id);
    entity.version = entity.version + 1;
    entity.description = description;
    entity.propertiesSchema = JsonColumns.write(schema);
    entity.updateTime = now;
    getEntityManager().flush();
    addRevision(entity, now);
    return toDomain(entity);
  }

  @Override
  public List<MetadataType> list(@Nullable TypeKind kind, long afterId, int limit) {
    var query =
        kind == null
            ? find("id > ?1 order by id", afterId)
            : find("kind = ?1 and id > ?2 order by id", kind.name(), afterId);
    return query.page(0, limit).list().stream().map(JpaTypeStore::toDomain).toList();
  }

  private void addRevision(TypeEntity entity, Instant now) {
    getEntityManager()
        .createNativeQuery(
            "insert into metadata_type_revision (type_id, version, properties_schema, create_time)"
                + " values (?1, ?2, cast(?3 as jsonb), ?4)")
        .setParameter(1, entity.id)
        .setParameter(2, entity.version)
        .setParameter(3, entity.propertiesSchema)
        .setParameter(4, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
        .executeUpdate();
  }

  static MetadataType toDomain(TypeEntity e) {
    return new MetadataType(
        e.id,
        TypeKind.valueOf(e.kind),
        e.name,
        e.version,
        e.description,
        JsonColumns.object(e.propertiesSchema),
        e.builtin,
        e.createTime,
        e.updateTime);
  }
}
