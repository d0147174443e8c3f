package io.mlmeta.graph.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A SQL statement loaded from a resource file, with {@code :name} parameters turned into JDBC
 * placeholders. Casts ({@code ::type}), string literals and {@code --} comments are left alone.
 */
final class NamedSql {

  private final String name;
  private final String jdbcSql;
  private final List<String> parameterNames;

  private NamedSql(String name, String jdbcSql, List<String> parameterNames) {
    this.name = name;
    this.jdbcSql = jdbcSql;
    this.parameterNames = List.copyOf(parameterNames);
  }

  /** Loads {@code io/mlmeta/graph/postgres/<fileName>} from the class path. */
  static NamedSql load(String fileName) {
    try (InputStream in = NamedSql.class.getResourceAsStream(fileName)) {
      if (in == null) {
        throw new IllegalStateException("missing SQL resource " + fileName);
      }
      return parse(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SQL resource " + fileName, e);
    }
  }

  static NamedSql parse(String name, String sql) {
    StringBuilder jdbc = new StringBuilder(sql.length());
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'') {
        int end = sql.indexOf('\'', i + 1);
        end = end < 0 ? sql.length() : end + 1;
        jdbc.append(sql, i, end);
        i = end;
      } else if (c == '-' && sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
        i = end;
      } else if (c == ':' && sql.startsWith("::", i)) {
        jdbc.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < sql.length() && Character.isLetter(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < sql.length() && Character.isLetterOrDigit(sql.charAt(end))) {
          end++;
        }
        names.add(sql.substring(i + 1, end));
        jdbc.append('?');
        i = end;
      } else {
        jdbc.append(c);
        i++;
      }
    }
    return new NamedSql(name, jdbc.toString(), names);
  }

  String jdbcSql() {
    return jdbcSql;
  }

  /**
   * Prepares the statement with every parameter bound. Values may be {@link Long}, {@link Integer},
   * {@link Boolean}, {@link String}, {@code Long[]} (bigint array) or {@code String[]} (text
   * array).
   */
  PreparedStatement prepare(Connection connection, Map<String, Object> parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(jdbcSql);
    try {
      for (int index = 0; index < parameterNames.size(); index++) {
        String parameter = parameterNames.get(index);
        if (!parameters.containsKey(parameter)) {
          throw new IllegalArgumentException(name + ": no value for :" + parameter);
        }
        bind(connection, statement, index + 1, parameters.get(parameter));
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static void bind(
      Connection connection, PreparedStatement statement, int index, Object value)
      throws SQLException {
    if (value instanceof Long[] longs) {
      statement.setArray(index, connection.createArrayOf("bigint", longs));
    } else if (value instanceof String[] strings) {
      statement.setArray(index, connection.createArrayOf("text", strings));
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Boolean
        || value instanceof String) {
      statement.setObject(index, value);
    } else {
      throw new IllegalArgumentException("unsupported SQL parameter type: " + value);
    }
  }
}
