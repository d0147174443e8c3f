package io.mlmeta.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The migrations build the whole schema on an empty database, and running them again is a no-op.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class MigrationTest {

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @ConfigProperty(name = "quarkus.datasource.username")
  String user;

  @ConfigProperty(name = "quarkus.datasource.password")
  String password;

  @Test
  void migratesAnEmptyDatabase() throws Exception {
    String database = Names.unique("migration").replace('-', '_');
    try (Connection admin = DriverManager.getConnection(url, user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + database);
    }
    String emptyUrl = url.substring(0, url.lastIndexOf('/') + 1) + database;
    Flyway flyway =
        Flyway.configure()
            .dataSource(emptyUrl, user, password)
            .locations("classpath:db/migration")
            .load();
    assertThat(flyway.migrate().migrationsExecuted).isPositive();
    assertThat(flyway.migrate().migrationsExecuted).isZero();
    assertThat(flyway.validateWithResult().validationSuccessful).isTrue();

    try (Connection migrated = DriverManager.getConnection(emptyUrl, user, password);
        Statement statement = migrated.createStatement();
        ResultSet tables =
            statement.executeQuery(
                "select table_name from information_schema.tables where table_schema = 'public'"
                    + " order by table_name")) {
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        names.add(tables.getString(1));
      }
      assertThat(names)
          .contains(
              "workspace",
              "metadata_type",
              "metadata_type_revision",
              "artifact",
              "execution",
              "context",
              "event",
              "attribution",
              "association",
              "parent_context",
              "workspace_grant",
              "api_token");
    }
  }
}
