package io.mlmeta.server.support;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts the SQL statements that requests send, leaving out the lineage threads that poll the
 * outbox in the background (their names start with {@code mlmeta-lineage-}), so a test can tell how
 * many statements one query costs while those threads run.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class RequestStatements implements StatementInspector {

  private static final AtomicLong COUNT = new AtomicLong();

  /** Statements counted since the server started. */
  public static long count() {
    return COUNT.get();
  }

  @Override
  public String inspect(String sql) {
    if (!Thread.currentThread().getName().startsWith("mlmeta-lineage-")) {
      COUNT.incrementAndGet();
    }
    return sql;
  }
}
