package io.mlmeta.server.store.jpa;

import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Native queries that take a list as one array parameter ({@code = any(cast(?1 as bigint[]))}).
 * Their SQL is the same for every list length, where an HQL {@code in} list is translated to SQL
 * anew for each call: that translation was most of a batch's lookup time.
 */
final class ArrayQueries {

  private ArrayQueries() {}

  @SuppressWarnings("unchecked")
  static <T> List<T> list(EntityManager em, Class<T> entity, String sql, Object... parameters) {
    var query = em.createNativeQuery(sql, entity);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    return query.getResultList();
  }
}
