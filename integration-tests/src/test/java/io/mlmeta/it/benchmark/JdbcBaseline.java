package io.mlmeta.it.benchmark;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The ingest baselines: the rows the SDK wrote to the big workspace (artifacts, executions,
 * events), written again straight into the same PostgreSQL with batched JDBC inserts (with and
 * without pgjdbc's reWriteBatchedInserts) and with COPY. They go into scratch tables created {@code
 * LIKE} the real ones {@code INCLUDING ALL}, so the indexes match (foreign keys are not copied),
 * and dropped afterwards.
 */
final class JdbcBaseline {

  static final int BATCH = 1_000;
  private static final int COPY_CHUNK = 50_000;

  /** How a column is read and bound: bigint, text, or text cast to jsonb/timestamptz. */
  private enum Kind {
    LONG,
    TEXT,
    JSONB,
    TIMESTAMPTZ
  }

  private record Column(String name, Kind kind) {}

  private record Table(String name, List<Column> columns) {
    String scratch() {
      return "bench_" + name;
    }
  }

  private static final List<Table> TABLES =
      List.of(
          new Table(
              "artifact",
              columns(
                  "id:L workspace_id:L type_id:L external_id:T state:T properties:J digest:T"
                      + " create_time:S update_time:S")),
          new Table(
              "execution",
              columns(
                  "id:L workspace_id:L type_id:L external_id:T name:T description:T labels:J"
                      + " state:T properties:J error_message:T start_time:S end_time:S"
                      + " create_time:S update_time:S")),
          new Table(
              "event",
              columns("id:L workspace_id:L execution_id:L artifact_id:L type:T event_time:S")));

  /** One variant's time to write every row. */
  record Result(String name, long artifacts, long executions, long events, long nanos) {
    double seconds() {
      return nanos / 1e9;
    }

    double eventsPerSecond() {
      return events / seconds();
    }
  }

  private final Endpoints endpoints;
  private final List<List<Object[]>> rows = new ArrayList<>();

  JdbcBaseline(Endpoints endpoints) {
    this.endpoints = endpoints;
  }

  /** Reads the workspace's rows into memory, untimed. */
  void readWorkspace(String workspace) throws SQLException {
    try (Connection connection = connect(false)) {
      connection.setAutoCommit(false);
      long workspaceId;
      try (PreparedStatement find =
          connection.prepareStatement("SELECT id FROM workspace WHERE name = ?")) {
        find.setString(1, workspace);
        try (ResultSet rs = find.executeQuery()) {
          rs.next();
          workspaceId = rs.getLong(1);
        }
      }
      for (Table table : TABLES) {
        List<Object[]> tableRows = new ArrayList<>();
        String select =
            "SELECT "
                + String.join(", ", table.columns().stream().map(JdbcBaseline::selected).toList())
                + " FROM "
                + table.name()
                + " WHERE workspace_id = ? ORDER BY id";
        try (PreparedStatement statement = connection.prepareStatement(select)) {
          statement.setFetchSize(10_000);
          statement.setLong(1, workspaceId);
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              Object[] row = new Object[table.columns().size()];
              for (int c = 0; c < row.length; c++) {
                row[c] =
                    table.columns().get(c).kind() == Kind.LONG
                        ? (Object) rs.getObject(c + 1, Long.class)
                        : rs.getString(c + 1);
              }
              tableRows.add(row);
            }
          }
        }
        rows.add(tableRows);
      }
      connection.commit();
    }
  }

  long count(String table) {
    for (int t = 0; t < TABLES.size(); t++) {
      if (TABLES.get(t).name().equals(table)) {
        return rows.get(t).size();
      }
    }
    throw new IllegalArgumentException(table);
  }

  /** Batched INSERTs of {@value #BATCH} rows, one transaction per batch. */
  Result batchedInserts(boolean rewrite) throws SQLException {
    try (Connection connection = connect(rewrite)) {
      createScratch(connection);
      long nanos = 0;
      try {
        connection.setAutoCommit(false);
        for (int t = 0; t < TABLES.size(); t++) {
          Table table = TABLES.get(t);
          String insert = insertSql(table);
          List<Object[]> tableRows = rows.get(t);
          long start = System.nanoTime();
          try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (int from = 0; from < tableRows.size(); from += BATCH) {
              for (Object[] row :
                  tableRows.subList(from, Math.min(tableRows.size(), from + BATCH))) {
                bind(statement, table, row);
                statement.addBatch();
              }
              statement.executeBatch();
              connection.commit();
            }
          }
          nanos += System.nanoTime() - start;
        }
        connection.setAutoCommit(true);
      } finally {
        dropScratch(connection);
      }
      return result(
          rewrite
              ? "raw JDBC batch " + BATCH + ", reWriteBatchedInserts=true"
              : "raw JDBC batch " + BATCH,
          nanos);
    }
  }

  /** COPY in CSV, {@value #COPY_CHUNK} rows per statement. */
  Result copy() throws Exception {
    try (Connection connection = connect(false)) {
      createScratch(connection);
      long nanos = 0;
      try {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (int t = 0; t < TABLES.size(); t++) {
          Table table = TABLES.get(t);
          String sql =
              "COPY "
                  + table.scratch()
                  + " ("
                  + String.join(", ", table.columns().stream().map(Column::name).toList())
                  + ") FROM STDIN WITH (FORMAT csv)";
          List<Object[]> tableRows = rows.get(t);
          long start = System.nanoTime();
          for (int from = 0; from < tableRows.size(); from += COPY_CHUNK) {
            StringBuilder csv = new StringBuilder();
            for (Object[] row :
                tableRows.subList(from, Math.min(tableRows.size(), from + COPY_CHUNK))) {
              for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                  csv.append(',');
                }
                if (row[c] != null) {
                  csv.append('"').append(row[c].toString().replace("\"", "\"\"")).append('"');
                }
              }
              csv.append('\n');
            }
            copy.copyIn(sql, new StringReader(csv.toString()));
          }
          nanos += System.nanoTime() - start;
        }
      } finally {
        dropScratch(connection);
      }
      return result("COPY (csv, " + COPY_CHUNK + " rows per statement)", nanos);
    }
  }

  /** Frees the rows once every variant ran. */
  void release() {
    rows.clear();
  }

  private Result result(String name, long nanos) {
    return new Result(name, count("artifact"), count("execution"), count("event"), nanos);
  }

  private static void createScratch(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (Table table : TABLES) {
        statement.execute("DROP TABLE IF EXISTS " + table.scratch());
        statement.execute(
            "CREATE TABLE " + table.scratch() + " (LIKE " + table.name() + " INCLUDING ALL)");
      }
    }
  }

  private static void dropScratch(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    List<Table> reversed = new ArrayList<>(TABLES);
    Collections.reverse(reversed);
    try (Statement statement = connection.createStatement()) {
      for (Table table : reversed) {
        statement.execute("DROP TABLE IF EXISTS " + table.scratch());
      }
    }
  }

  private static String insertSql(Table table) {
    List<String> values =
        table.columns().stream()
            .map(
                c ->
                    switch (c.kind()) {
                      case JSONB -> "?::jsonb";
                      case TIMESTAMPTZ -> "?::timestamptz";
                      default -> "?";
                    })
            .toList();
    return "INSERT INTO "
        + table.scratch()
        + " ("
        + String.join(", ", table.columns().stream().map(Column::name).toList())
        + ") VALUES ("
        + String.join(", ", values)
        + ")";
  }

  private static void bind(PreparedStatement statement, Table table, Object[] row)
      throws SQLException {
    for (int c = 0; c < row.length; c++) {
      if (table.columns().get(c).kind() == Kind.LONG) {
        if (row[c] == null) {
          statement.setNull(c + 1, Types.BIGINT);
        } else {
          statement.setLong(c + 1, (Long) row[c]);
        }
      } else {
        statement.setString(c + 1, (String) row[c]);
      }
    }
  }

  private static String selected(Column column) {
    return switch (column.kind()) {
      case JSONB -> column.name() + "::text";
      case TIMESTAMPTZ -> column.name() + "::text";
      default -> column.name();
    };
  }

  private Connection connect(boolean rewrite) throws SQLException {
    String url = endpoints.dbUrl();
    if (rewrite) {
      url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
    return DriverManager.getConnection(url, endpoints.dbUser(), endpoints.dbPassword());
  }

  private static List<Column> columns(String spec) {
    List<Column> columns = new ArrayList<>();
    for (String part : spec.split(" ")) {
      String[] nameKind = part.split(":");
      Kind kind =
          switch (nameKind[1]) {
            case "L" -> Kind.LONG;
            case "J" -> Kind.JSONB;
            case "S" -> Kind.TIMESTAMPTZ;
            default -> Kind.TEXT;
          };
      columns.add(new Column(nameKind[0], kind));
    }
    return columns;
  }
}
