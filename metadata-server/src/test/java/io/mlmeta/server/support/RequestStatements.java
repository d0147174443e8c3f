package io.mlmeta.server.support;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts the SQL statements that requests send, leaving out the threads that work in the background
 * (the lineage threads polling the outbox, named {@code mlmeta-lineage-...}, and the change log's
 * sealer), so a test can tell how many statements one query costs while they run.
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
    String thread = Thread.currentThread().getName();
    if (!thread.startsWith("mlmeta-lineage-") && !thread.equals("mlmeta-change-log-sealer")) {
      COUNT.incrementAndGet();
    }
    return sql;
  }
}
