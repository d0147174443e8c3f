package io.mlmeta.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;

/**
 * The embedded databases the launcher starts (issue 11: PostgreSQL trusted every local user as
 * superuser, Neo4j had no authentication): passwords generated into a private file, every
 * PostgreSQL connection authenticated, the server's role no superuser, Neo4j behind a password, and
 * data directories of earlier versions converted in place.
 */
class EmbeddedDatabaseSecurityTest {

  @TempDir Path home;

  @Test
  void aNewClusterAuthenticatesEveryConnectionAndTheServersRoleIsNoSuperuser() throws Exception {
    Credentials credentials = Credentials.in(home);
    assertThat(Files.getPosixFilePermissions(home.resolve(Credentials.FILE_NAME)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    try (EmbeddedPostgres postgres = start(credentials)) {
      String url = SecuredPostgres.prepareApplicationRole(postgres, data(), credentials);

      assertRefused(url, "postgres", "");
      assertRefused(url, "postgres", "postgres");
      assertRefused(url, SecuredPostgres.APPLICATION_ROLE, "mlmeta");
      try (Connection app = asApplication(url, credentials);
          Statement statement = app.createStatement()) {
        assertThat(query(statement, "select rolsuper from pg_roles where rolname = current_user"))
            .isEqualTo("f");
        statement.execute("create table owned_by_the_application (id bigint primary key)");
        assertThatThrownBy(() -> statement.execute("create database another"))
            .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> statement.execute("create role intruder superuser"))
            .hasMessageContaining("permission denied");
      }
    }
    assertThat(home.resolve(".initdb-password")).doesNotExist();
  }

  @Test
  void aClusterOfAnEarlierVersionIsConvertedAndKeepsItsData() throws Exception {
    // What earlier launchers left: a trusting cluster whose tables the superuser owns.
    try (EmbeddedPostgres legacy =
        EmbeddedPostgres.builder()
            .setDataDirectory(data())
            .setCleanDataDirectory(false)
            .setPort(freePort())
            .start()) {
      try (Connection connection = legacy.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute(
            "create table workspace (id bigint generated always as identity primary key,"
                + " name text)");
        statement.execute("insert into workspace (name) values ('kept')");
      }
    }

    Credentials credentials = Credentials.in(home);
    for (int start = 0; start < 2; start++) {
      try (EmbeddedPostgres postgres = start(credentials)) {
        String url = SecuredPostgres.prepareApplicationRole(postgres, data(), credentials);
        assertRefused(url, "postgres", "");
        try (Connection app = asApplication(url, credentials);
            Statement statement = app.createStatement()) {
          statement.execute("insert into workspace (name) values ('written as the application')");
          assertThat(query(statement, "select string_agg(name, ',' order by id) from workspace"))
              .startsWith("kept,written as the application");
        }
      }
    }
  }

  @Test
  void embeddedNeo4jRequiresItsPassword() throws Exception {
    Credentials credentials = Credentials.in(home);
    int port = freePort();
    try (EmbeddedNeo4j neo4j =
        EmbeddedNeo4j.start(home.resolve("neo4j"), port, credentials.neo4jPassword(), true)) {
      try (Driver anonymous = GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
        assertThatThrownBy(anonymous::verifyConnectivity)
            .isInstanceOf(AuthenticationException.class);
      }
      try (Driver wrong =
          GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", "neo4j"))) {
        assertThatThrownBy(wrong::verifyConnectivity).isInstanceOf(AuthenticationException.class);
      }
      try (Driver owner =
          GraphDatabase.driver(
              neo4j.boltUri(), AuthTokens.basic(EmbeddedNeo4j.USER, credentials.neo4jPassword()))) {
        owner.verifyConnectivity();
      }
    }
  }

  private EmbeddedPostgres start(Credentials credentials) throws IOException {
    return SecuredPostgres.secure(
            EmbeddedPostgres.builder()
                .setDataDirectory(data())
                .setCleanDataDirectory(false)
                .setPort(freePort()),
            data(),
            home,
            credentials)
        .start();
  }

  /** Connects as the role the server uses, with its generated password. */
  private static Connection asApplication(String url, Credentials credentials) throws SQLException {
    return DriverManager.getConnection(
        url, SecuredPostgres.APPLICATION_ROLE, credentials.postgresApplicationPassword());
  }

  private Path data() {
    return home.resolve("postgres");
  }

  /** Refused by the server, or (without a password) by the driver once the server asks for one. */
  private static void assertRefused(String url, String user, String password) {
    assertThatThrownBy(() -> DriverManager.getConnection(url, user, password).close())
        .isInstanceOf(SQLException.class)
        .hasMessageMatching(
            "(?s).*(password authentication failed for user \"%s\"|requested SCRAM-based).*"
                .formatted(user));
  }

  private static String query(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
