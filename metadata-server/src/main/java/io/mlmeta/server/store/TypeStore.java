package io.mlmeta.server.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlmeta.server.domain.MetadataType;
import io.mlmeta.server.domain.TypeKind;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Persistence of types and their schema revisions. */
public interface TypeStore {

  Optional<MetadataType> find(TypeKind kind, String name);

  /** The current revisions of the types of any kind named one of {@code names}. */
  List<MetadataType> findByNames(Collection<String> names);

  /** Returns the type with that id; ids held by other rows always exist. */
  MetadataType get(long id);

  /**
   * @throws io.mlmeta.server.domain.error.AlreadyExistsException if kind and name are taken
   */
  MetadataType create(
      TypeKind kind,
      String name,
      String description,
      ObjectNode schema,
      boolean builtin,
      Instant now);

  /** Stores the next version of a type's schema and keeps the previous one as a revision. */
  MetadataType evolve(long id, String description, ObjectNode schema, Instant now);

  /** Types of {@code kind} (all kinds when null) with ids above {@code afterId}, by id. */
  List<MetadataType> list(@Nullable TypeKind kind, long afterId, int limit);
}
