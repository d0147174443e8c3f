package io.mlmeta.it.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Switches the change log's triggers on the metadata tables off and on again, as the tables' owner
 * (the server's database role), so that one benchmark run can price the change log against the same
 * ingest without it.
 */
final class ChangeLogSwitch {

  private ChangeLogSwitch() {}

  static void set(Endpoints endpoints, boolean on) {
    try (Connection db =
            DriverManager.getConnection(
                endpoints.dbUrl(), endpoints.dbUser(), endpoints.dbPassword());
        Statement sql = db.createStatement()) {
      // The V5 migration's triggers, as the database lists them: a table logged later is included.
      List<String> switches = new ArrayList<>();
      try (ResultSet triggers =
          sql.executeQuery(
              "select format('alter table %s %s trigger %I', tgrelid::regclass,"
                  + (on ? "'enable'" : "'disable'")
                  + ", tgname) from pg_trigger where tgname like '%\\_change\\_log\\_%'"
                  + " and not tgisinternal")) {
        while (triggers.next()) {
          switches.add(triggers.getString(1));
        }
      }
      if (switches.isEmpty()) {
        throw new IllegalStateException("no change-log triggers found");
      }
      for (String change : switches) {
        sql.execute(change);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot switch the change log " + (on ? "on" : "off"), e);
    }
  }
}
