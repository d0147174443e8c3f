package io.mlmeta.server.store.jpa;

import io.mlmeta.server.domain.error.ConflictException;
import io.mlmeta.server.domain.error.MetadataException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Flushes pending writes and translates PostgreSQL unique violations into domain errors, so a race
 * between two writers surfaces as ALREADY_EXISTS or a retryable conflict, never as SQL text.
 * Deadlocks, serialization failures and outages are translated once for every store call, at the
 * service boundary ({@code DatabaseFailures}).
 */
final class Constraints {

  private static final String UNIQUE_VIOLATION = "23505";

  private Constraints() {}

  static void flush(EntityManager em, Map<String, Supplier<MetadataException>> byConstraint) {
    try {
      em.flush();
    } catch (PersistenceException e) {
      throw translate(e, byConstraint);
    }
  }

  static RuntimeException translate(
      RuntimeException e, Map<String, Supplier<MetadataException>> byConstraint) {
    SQLException sql = sqlCause(e);
    if (sql == null) {
      return e;
    }
    String state = sql.getSQLState();
    if (UNIQUE_VIOLATION.equals(state)) {
      String message = String.valueOf(sql.getMessage());
      for (var entry : byConstraint.entrySet()) {
        if (message.contains("\"" + entry.getKey() + "\"")) {
          return entry.getValue().get();
        }
      }
      return new ConflictException("a concurrent write created the same entity; retry");
    }
    return e;
  }

  private static @Nullable SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
