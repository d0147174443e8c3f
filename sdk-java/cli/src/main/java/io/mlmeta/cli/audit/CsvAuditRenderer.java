package io.mlmeta.cli.audit;

import io.mlmeta.cli.audit.AuditReport.ArtifactEntry;
import io.mlmeta.cli.audit.AuditReport.ContextEntry;
import io.mlmeta.cli.audit.AuditReport.Edge;
import io.mlmeta.cli.audit.AuditReport.ExecutionEntry;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The audit report as one flat RFC 4180 table (CRLF line ends), one row per model, execution,
 * artifact, context, edge, workspace and redacted node; the digest is a last {@code #} comment
 * line.
 */
final class CsvAuditRenderer {

  private static final List<String> HEADER =
      List.of(
          "section",
          "key",
          "type",
          "name",
          "state",
          "uri",
          "version",
          "digest",
          "owner",
          "created",
          "updated",
          "started",
          "ended",
          "contexts",
          "related",
          "properties");

  private CsvAuditRenderer() {}

  static String render(AuditReport report) {
    StringBuilder out = new StringBuilder();
    row(out, HEADER.toArray());
    artifact(out, report, "model", report.model());
    report.upstreamExecutions().forEach(e -> execution(out, report, "upstream-execution", e));
    report.upstreamArtifacts().forEach(a -> artifact(out, report, "upstream-artifact", a));
    report.metrics().forEach(a -> artifact(out, report, "metrics", a));
    report.deployments().forEach(e -> execution(out, report, "deployment", e));
    report.otherConsumers().forEach(e -> execution(out, report, "consumer", e));
    report.workspaces().forEach(name -> keyOnly(out, "workspace", name));
    report.redacted().forEach(key -> keyOnly(out, "redacted", key));
    for (ContextEntry c : report.contexts()) {
      row(
          out,
          "context",
          "context:" + c.id(),
          c.type(),
          c.name(),
          "",
          "",
          "",
          "",
          "",
          c.createTime(),
          "",
          "",
          "",
          "",
          String.join(" ", c.parentIds().stream().map(id -> "context:" + id).toList()),
          "");
    }
    for (Edge e : report.edges()) {
      row(out, "edge", e.from(), e.type(), "", "", "", "", "", "", "", "", "", "", "", e.to(), "");
    }
    out.append("# ").append(ReportDigest.PLACEHOLDER).append("\r\n");
    return out.toString();
  }

  private static void artifact(
      StringBuilder out, AuditReport report, String section, ArtifactEntry a) {
    row(
        out,
        section,
        a.key(),
        a.type(),
        a.name(),
        a.state(),
        a.uri(),
        a.version(),
        a.digest(),
        a.owner(),
        a.createTime(),
        a.updateTime(),
        "",
        "",
        "",
        String.join(" ", report.producers(a.key())),
        a.properties());
  }

  private static void execution(
      StringBuilder out, AuditReport report, String section, ExecutionEntry e) {
    row(
        out,
        section,
        e.key(),
        e.type(),
        e.name(),
        e.state(),
        "",
        "",
        "",
        e.owner(),
        e.createTime(),
        e.updateTime(),
        e.startTime(),
        e.endTime(),
        String.join("; ", report.contextNames(e)),
        "",
        e.properties());
  }

  /** A row naming only its section and key: a workspace, or a node the exporter cannot read. */
  private static void keyOnly(StringBuilder out, String section, String key) {
    Object[] cells = new Object[HEADER.size()];
    Arrays.fill(cells, "");
    cells[0] = section;
    cells[1] = key;
    row(out, cells);
  }

  private static void row(StringBuilder out, @Nullable Object... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(Text.of(cells[i])));
    }
    out.append("\r\n");
  }

  private static String quote(String cell) {
    boolean needsQuotes =
        cell.contains(",")
            || cell.contains("\"")
            || cell.startsWith("#")
            || !cell.equals(cell.strip());
    return needsQuotes ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
  }
}
