package io.mlmeta.cli.output;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A plain-text table with a header row and left-aligned columns separated by two spaces. */
public final class Table {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table with these column names. */
  public Table(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row; null cells print as {@code -}. */
  public Table row(@Nullable Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "a row has " + header.size() + " cells, not " + cells.length);
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(cell == null ? "-" : cell.toString().replace('\n', ' '));
    }
    rows.add(row);
    return this;
  }

  /** The rendered table, one line per row, each ending with a newline. */
  public String render() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    rows.forEach(row -> line(out, row, widths));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      line.append(cells.get(i));
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cells.get(i).length()));
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
