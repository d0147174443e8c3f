package io.mlmeta.graph.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per test JVM, started on first use, with the metadata server's V1
 * migration applied: the PostgreSQL engine is tested against the store's real schema.
 */
public final class SharedPostgres {

  /** Relative to the module directory, where surefire runs. */
  static final Path MIGRATION =
      Path.of("../metadata-server/src/main/resources/db/migration/V1__metadata_store.sql");

  private static DataSource dataSource;

  private SharedPostgres() {}

  public static synchronized DataSource dataSource() {
    if (dataSource == null) {
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime()
            .addShutdownHook(new Thread(SharedPostgres.closing(postgres), "postgres-shutdown"));
        DataSource started = postgres.getPostgresDatabase();
        migrate(started);
        dataSource = started;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot apply " + MIGRATION, e);
      }
    }
    return dataSource;
  }

  private static void migrate(DataSource dataSource) throws IOException, SQLException {
    String migration = Files.readString(MIGRATION);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(migration);
    }
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
