package io.mlmeta.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * Locks down the embedded PostgreSQL, which the embedded library creates for tests: every local
 * user trusted, everything owned by the superuser. Here every connection needs a password (SCRAM),
 * the Unix socket is its owner's alone, and the server works as {@value #APPLICATION_ROLE}, a role
 * that owns the application's schema and nothing else: no superuser, no other databases, no roles.
 *
 * <p>A new cluster gets the superuser's password from {@code initdb}, so it never trusts anyone. A
 * cluster an earlier version created (trusting, no passwords) is converted at its first start here:
 * passwords set, ownership of the schema moved to the application role, then trust replaced and the
 * configuration reloaded.
 */
final class SecuredPostgres {

  static final String APPLICATION_ROLE = "mlmeta";
  static final String DATABASE = "postgres";

  private static final String SUPERUSER = "postgres";
  private static final String HBA_HEADER =
      "# mlmeta: every connection authenticates with a password";
  private static final String HBA =
      HBA_HEADER
          + "\n"
          + "local all all scram-sha-256\n"
          + "host all all 127.0.0.1/32 scram-sha-256\n"
          + "host all all ::1/128 scram-sha-256\n";

  private SecuredPostgres() {}

  /**
   * Prepares the builder: the superuser's password for a new cluster and for the library's
   * readiness check, password authentication for a cluster that already has passwords, and a
   * private socket.
   */
  static EmbeddedPostgres.Builder secure(
      EmbeddedPostgres.Builder builder, Path dataDirectory, Path home, Credentials credentials)
      throws IOException {
    boolean newCluster = !Files.exists(dataDirectory.resolve("PG_VERSION"));
    if (newCluster) {
      Path passwordFile = home.resolve(".initdb-password");
      PrivateFiles.writeString(passwordFile, credentials.postgresSuperuserPassword() + "\n");
      // The library passes these to initdb as --name=value options.
      builder.setLocaleConfig("pwfile", passwordFile.toString());
    }
    builder.setServerConfig("unix_socket_permissions", "0700");
    builder.setServerConfig("password_encryption", "scram-sha-256");
    builder.setConnectConfig("password", credentials.postgresSuperuserPassword());
    builder.setDataDirectoryCustomizer(
        directory -> {
          try {
            Files.deleteIfExists(home.resolve(".initdb-password"));
            if (newCluster || passwordsRequired(directory.toPath())) {
              requirePasswords(directory.toPath());
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    return builder;
  }

  /**
   * Gives the application role its password and the schema, converts a trusting cluster, and
   * returns the JDBC URL the server connects to as that role.
   */
  static String prepareApplicationRole(
      EmbeddedPostgres postgres, Path dataDirectory, Credentials credentials)
      throws IOException, SQLException {
    String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    Properties superuser = new Properties();
    superuser.setProperty("user", SUPERUSER);
    superuser.setProperty("password", credentials.postgresSuperuserPassword());
    try (Connection connection = DriverManager.getConnection(url, superuser);
        Statement statement = connection.createStatement()) {
      PGConnection pg = connection.unwrap(PGConnection.class);
      // Sent as SCRAM verifiers computed here, so no password appears in any statement or log.
      pg.alterUserPassword(
          SUPERUSER, credentials.postgresSuperuserPassword().toCharArray(), "scram-sha-256");
      statement.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
              + APPLICATION_ROLE
              + "') THEN CREATE ROLE "
              + APPLICATION_ROLE
              + " LOGIN; END IF; END $$");
      statement.execute(
          "ALTER ROLE "
              + APPLICATION_ROLE
              + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
      pg.alterUserPassword(
          APPLICATION_ROLE,
          credentials.postgresApplicationPassword().toCharArray(),
          "scram-sha-256");
      statement.execute("ALTER SCHEMA public OWNER TO " + APPLICATION_ROLE);
      // Tables and free-standing sequences an earlier version created as the superuser; identity
      // sequences and indexes follow their tables.
      statement.execute(
          """
          DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT c.relname, c.relkind FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
                  AND pg_get_userbyid(c.relowner) <> '%1$s'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND d.deptype IN ('a', 'i'))
            LOOP
              EXECUTE format('ALTER %%s public.%%I OWNER TO %1$s',
                  CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                      WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.relname);
            END LOOP;
          END $$
          """
              .formatted(APPLICATION_ROLE));
      if (!passwordsRequired(dataDirectory)) {
        requirePasswords(dataDirectory);
        statement.execute("SELECT pg_reload_conf()");
      }
    }
    return url;
  }

  private static boolean passwordsRequired(Path dataDirectory) throws IOException {
    Path hba = dataDirectory.resolve("pg_hba.conf");
    return Files.exists(hba)
        && Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_HEADER);
  }

  private static void requirePasswords(Path dataDirectory) throws IOException {
    Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
  }
}
