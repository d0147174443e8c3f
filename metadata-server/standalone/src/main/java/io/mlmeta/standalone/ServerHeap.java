package io.mlmeta.standalone;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The server JVM's maximum heap, sized from the lineage graph it will hold: without a bound the JVM
 * takes a quarter of the machine and grows into it (5.6 GB was seen), and with a fixed one a big
 * store's in-memory index stands down. {@code MLMETA_SERVER_HEAP} (for example {@code 6g} or {@code
 * 1536m}) overrides it.
 */
record ServerHeap(long bytes, String reason) {

  static final long MIB = 1024L * 1024;
  static final long MINIMUM = 768 * MIB;

  // Heap besides the index: Quarkus, connection pools, request buffers.
  private static final long BASE = 512 * MIB;
  // The index takes about 500 bytes per node and may use half the heap; twice that again leaves
  // room for the graph to grow while the server runs.
  private static final long BYTES_PER_NODE = 2_000;

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([mMgG])");

  /** The bytes {@code MLMETA_SERVER_HEAP} asks for, or null when it is not set. */
  static @Nullable Long override(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher size = SIZE.matcher(value.trim());
    if (!size.matches()) {
      throw new IllegalArgumentException(
          "MLMETA_SERVER_HEAP must be a size such as 1536m or 6g, got '" + value + "'");
    }
    long unit = size.group(2).equalsIgnoreCase("g") ? 1024 * MIB : MIB;
    return Long.parseLong(size.group(1)) * unit;
  }

  /** The override when set, otherwise a heap for {@code nodes} within half the machine's memory. */
  static ServerHeap of(@Nullable Long override, long nodes, long physicalMemory) {
    if (override != null) {
      return new ServerHeap(override, "MLMETA_SERVER_HEAP");
    }
    long wanted = BASE + nodes * BYTES_PER_NODE;
    long ceiling = Math.max(MINIMUM, physicalMemory / 2);
    long bytes = Math.min(Math.max(wanted, MINIMUM), ceiling);
    return new ServerHeap(
        bytes / MIB * MIB,
        String.format(Locale.ROOT, "%,d lineage nodes; MLMETA_SERVER_HEAP overrides", nodes));
  }

  /** The JVM option. */
  String option() {
    return "-Xmx" + bytes / MIB + "m";
  }

  String describe() {
    return String.format(Locale.ROOT, "%.1f GiB (%s)", bytes / (1024.0 * MIB), reason);
  }

  /**
   * Artifacts and executions in the store, from PostgreSQL's statistics (instant, and close enough
   * to size a heap); 0 for a new store or one that cannot be asked.
   */
  static long lineageNodes(String url, String user, String password) {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select coalesce(sum(greatest(reltuples, 0)), 0)::bigint from pg_class"
                    + " where relname in ('artifact', 'execution') and relkind = 'r'")) {
      return rows.next() ? rows.getLong(1) : 0;
    } catch (SQLException e) {
      return 0;
    }
  }

  static long physicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 4 * 1024 * MIB;
  }
}
