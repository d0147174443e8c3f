package io.mlmeta.server.store.jpa;

import io.mlmeta.server.domain.error.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workspace and type names by id. Both are immutable once created, so the cache never needs
 * invalidation; it saves a join or a lookup on every entity read.
 */
@ApplicationScoped
class NameCache {

  @Inject EntityManager em;

  private final Map<Long, String> workspaces = new ConcurrentHashMap<>();
  private final Map<Long, String> types = new ConcurrentHashMap<>();

  String workspace(long id) {
    return workspaces.computeIfAbsent(id, key -> lookup("workspace", key));
  }

  String type(long id) {
    return types.computeIfAbsent(id, key -> lookup("metadata_type", key));
  }

  private String lookup(String table, long id) {
    var names =
        em.createNativeQuery("select name from " + table + " where id = ?1", String.class)
            .setParameter(1, id)
            .getResultList();
    if (names.isEmpty()) {
      throw NotFoundException.of(table.replace('_', ' '), id);
    }
    return (String) names.get(0);
  }
}
