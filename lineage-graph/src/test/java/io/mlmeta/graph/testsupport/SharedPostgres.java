package io.mlmeta.graph.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One embedded PostgreSQL per test JVM, started on first use and migrated with the store's own
 * Flyway migrations (module database-schema): the PostgreSQL engine is tested against the schema
 * the server runs on.
 */
public final class SharedPostgres {

  private static DataSource dataSource;

  private SharedPostgres() {}

  public static synchronized DataSource dataSource() {
    if (dataSource == null) {
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime()
            .addShutdownHook(new Thread(SharedPostgres.closing(postgres), "postgres-shutdown"));
        DataSource started = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(started).locations("classpath:db/migration").load().migrate();
        dataSource = started;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dataSource;
  }

  private static Runnable closing(EmbeddedPostgres postgres) {
    return () -> {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
