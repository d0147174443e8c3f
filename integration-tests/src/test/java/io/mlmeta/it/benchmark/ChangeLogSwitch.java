package io.mlmeta.it.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Switches the change log's triggers on the metadata tables off and on again, as the tables' owner
 * (the server's database role), so that one benchmark run can price the change log against the same
 * ingest without it.
 */
final class ChangeLogSwitch {

  /** The tables whose row changes the change log records (V5 migration). */
  static final List<String> LOGGED_TABLES =
      List.of(
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

  private ChangeLogSwitch() {}

  static void set(Endpoints endpoints, boolean on) {
    try (Connection db =
            DriverManager.getConnection(
                endpoints.dbUrl(), endpoints.dbUser(), endpoints.dbPassword());
        Statement sql = db.createStatement()) {
      for (String table : LOGGED_TABLES) {
        for (String operation : List.of("insert", "update", "delete")) {
          sql.execute(
              "alter table "
                  + table
                  + (on ? " enable" : " disable")
                  + " trigger "
                  + table
                  + "_change_log_"
                  + operation);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot switch the change log " + (on ? "on" : "off"), e);
    }
  }
}
