package io.mlmeta.server.store.jpa;

import io.mlmeta.server.store.ChangeAttribution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

/** Transaction-local settings ({@code set_config(..., true)}) that the change-log triggers read. */
@ApplicationScoped
public class JpaChangeAttribution implements ChangeAttribution {

  @Inject EntityManager em;

  @Override
  public void attribute(String principal, @Nullable String requestId) {
    Object ignored =
        em.createNativeQuery(
                "select set_config('mlmeta.principal', ?1, true),"
                    + " set_config('mlmeta.request_id', ?2, true)")
            .setParameter(1, principal)
            .setParameter(2, requestId == null ? "" : requestId)
            .getSingleResult();
  }
}
