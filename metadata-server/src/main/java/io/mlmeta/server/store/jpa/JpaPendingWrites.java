package io.mlmeta.server.store.jpa;

import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.store.PendingWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;

/**
 * Flushes the persistence context: Hibernate sends the queued inserts in JDBC batches, grouped by
 * table ({@code hibernate.order_inserts}).
 */
@ApplicationScoped
public class JpaPendingWrites implements PendingWrites {

  @Inject EntityManager em;

  @Override
  public void flush() {
    Constraints.flush(
        em,
        Map.of(
            "artifact_external_id_unique", () -> taken("an artifact"),
            "execution_external_id_unique", () -> taken("an execution")));
  }

  private static AlreadyExistsException taken(String what) {
    return new AlreadyExistsException(
        what + " with one of these external ids was created meanwhile; retry");
  }
}
