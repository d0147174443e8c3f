package io.mlmeta.it.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the run measured: one table per section (printed as it completes), the issue's targets
 * with their verdicts, the machine, and any disagreement between engines. Written as results.json
 * and results.md at the end.
 */
final class Report {

  /** One console/Markdown table, with the same rows kept for the JSON. */
  static final class Table {
    final String title;
    final List<String> header;
    final List<List<String>> rows = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Table(String title, String... header) {
      this.title = title;
      this.header = List.of(header);
    }

    Table row(Object... cells) {
      List<String> row = new ArrayList<>();
      for (Object cell : cells) {
        row.add(String.valueOf(cell));
      }
      rows.add(row);
      return this;
    }

    Table note(String note) {
      notes.add(note);
      return this;
    }

    String markdown() {
      StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
      out.append("| ").append(String.join(" | ", header)).append(" |\n|");
      header.forEach(h -> out.append("---|"));
      out.append('\n');
      for (List<String> row : rows) {
        out.append("| ").append(String.join(" | ", row)).append(" |\n");
      }
      for (String note : notes) {
        out.append("\n").append(note).append('\n');
      }
      return out.toString();
    }
  }

  /** A target of the issue: met, missed, or not measured. */
  record Target(String name, String goal, String measured, Boolean met) {
    String verdict() {
      return met == null ? "n/a" : met ? "met" : "MISSED";
    }
  }

  private final Map<String, Object> machine = new LinkedHashMap<>();
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final List<Table> tables = new ArrayList<>();
  private final List<Target> targets = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> serverIssues = new ArrayList<>();

  void machine(String key, Object value) {
    machine.put(key, value);
  }

  /** A named figure for results.json, such as {@code ingest.sdk8.eventsPerSecond}. */
  void figure(String key, Object value) {
    figures.put(key, value instanceof Double d ? round(d) : value);
  }

  void table(Table table) {
    tables.add(table);
    System.out.println();
    System.out.print(table.markdown());
    System.out.flush();
  }

  void target(String name, String goal, String measured, Boolean met) {
    targets.add(new Target(name, goal, measured, met));
  }

  /** A wrong answer or broken step; the run exits non-zero. */
  void problem(String problem) {
    if (!problems.contains(problem)) {
      problems.add(problem);
      System.out.println("!!! " + problem);
    }
  }

  /** Something wrong in the server the run worked around; reported, but not a failed run. */
  void serverIssue(String issue) {
    if (!serverIssues.contains(issue)) {
      serverIssues.add(issue);
      System.out.println("!!! server issue: " + issue);
    }
  }

  List<String> problems() {
    return problems;
  }

  Table targetsTable() {
    Table table = new Table("Targets of issue 7", "target", "goal", "measured", "verdict");
    targets.forEach(t -> table.row(t.name(), t.goal(), t.measured(), t.verdict()));
    return table;
  }

  void write(Path directory) throws IOException {
    Files.createDirectories(directory);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("machine", machine);
    json.put("figures", figures);
    json.put("targets", targets);
    json.put("problems", problems);
    json.put("serverIssues", serverIssues);
    List<Map<String, Object>> jsonTables = new ArrayList<>();
    for (Table table : tables) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("title", table.title);
      t.put("header", table.header);
      t.put("rows", table.rows);
      t.put("notes", table.notes);
      jsonTables.add(t);
    }
    json.put("tables", jsonTables);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(directory.resolve("results.json").toFile(), json);

    StringBuilder md = new StringBuilder("# mlmeta benchmark results (issue 7)\n\n## Machine\n\n");
    machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append("\n## Targets\n\n").append(targetsTable().markdown());
    if (!problems.isEmpty()) {
      md.append("\n## Problems\n\n");
      problems.forEach(p -> md.append("- ").append(p).append('\n'));
    }
    if (!serverIssues.isEmpty()) {
      md.append("\n## Server issues seen\n\n");
      serverIssues.forEach(p -> md.append("- ").append(p).append('\n'));
    }
    md.append("\n## Figures\n\n");
    tables.forEach(t -> md.append(t.markdown()).append('\n'));
    Files.writeString(directory.resolve("results.md"), md.toString());
  }

  static String fmt(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "-";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String ratio(double value) {
    return Double.isNaN(value) || Double.isInfinite(value)
        ? "-"
        : String.format(Locale.ROOT, "%.2fx", value);
  }

  private static double round(double value) {
    return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : value;
  }
}
