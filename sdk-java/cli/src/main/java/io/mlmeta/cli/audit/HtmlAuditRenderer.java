package io.mlmeta.cli.audit;

import io.mlmeta.cli.audit.AuditReport.ArtifactEntry;
import io.mlmeta.cli.audit.AuditReport.ContextEntry;
import io.mlmeta.cli.audit.AuditReport.Edge;
import io.mlmeta.cli.audit.AuditReport.ExecutionEntry;
import io.mlmeta.cli.audit.AuditReport.TimelineEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The audit report as one self-contained HTML page: inline styles and an inline SVG lineage diagram
 * (nodes in columns by their longest chain of inputs), no scripts and nothing fetched from the
 * network. The digest is a last comment.
 */
final class HtmlAuditRenderer {

  private static final int NODE_WIDTH = 180;
  private static final int NODE_HEIGHT = 44;
  private static final int COLUMN_GAP = 60;
  private static final int ROW_GAP = 20;
  private static final int MARGIN = 10;

  private HtmlAuditRenderer() {}

  static String render(AuditReport report) {
    ArtifactEntry model = report.model();
    String title =
        "Audit report: "
            + Text.of(model.name())
            + (model.version() == null ? "" : " " + model.version())
            + " ("
            + model.key()
            + ")";
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:2em;color:#222}\n")
        .append("table{border-collapse:collapse;margin-bottom:1em}\n")
        .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;")
        .append("vertical-align:top;font-size:0.9em}\n")
        .append("th{background:#f3f3f3}\ncode{font-size:0.85em;word-break:break-all}\n")
        .append("</style>\n</head>\n<body>\n");
    out.append("<h1>").append(escape(title)).append("</h1>\n");
    out.append("<p>Workspace: ")
        .append(escape(report.workspace()))
        .append(". Lineage complete: ")
        .append(report.truncated() ? "no (truncated)" : "yes")
        .append(".</p>\n");
    if (report.crossesWorkspaces()) {
      out.append("<p>").append(escape(report.workspaceSummary())).append("</p>\n");
    }

    out.append("<h2>Model</h2>\n<table>\n");
    field(out, "key", model.key());
    field(out, "name", model.name());
    field(out, "version", model.version());
    field(out, "uri", model.uri());
    field(out, "state", model.state());
    field(out, "digest", model.digest());
    field(out, "owner", model.owner());
    field(out, "created", model.createTime());
    field(out, "updated", model.updateTime());
    field(out, "produced by", String.join(", ", report.producers(model.key())));
    model.properties().forEach((k, v) -> field(out, "property " + k, v));
    out.append("</table>\n");

    out.append("<h2>Lineage</h2>\n");
    svg(out, report);

    out.append("<h2>Upstream executions</h2>\n");
    executions(out, report, report.upstreamExecutions());
    out.append("<h2>Upstream artifacts</h2>\n");
    artifacts(out, report, report.upstreamArtifacts());
    out.append("<h2>Metrics</h2>\n");
    artifacts(out, report, report.metrics());
    out.append("<h2>Deployments</h2>\n");
    executions(out, report, report.deployments());
    out.append("<h2>Other consumers</h2>\n");
    executions(out, report, report.otherConsumers());

    out.append("<h2>Runs and experiments</h2>\n");
    if (report.contexts().isEmpty()) {
      out.append("<p>None.</p>\n");
    } else {
      out.append("<table>\n");
      header(out, "key", "type", "name", "parents", "created");
      for (ContextEntry c : report.contexts()) {
        row(
            out,
            "context:" + c.id(),
            c.type(),
            c.name(),
            String.join(", ", c.parentIds().stream().map(id -> "context:" + id).toList()),
            c.createTime());
      }
      out.append("</table>\n");
    }

    out.append("<h2>Who wrote what and when</h2>\n<table>\n");
    header(out, "time", "subject", "event", "by");
    for (TimelineEntry t : report.timeline()) {
      row(out, t.time(), t.subject() + " " + report.label(t.subject()), t.event(), t.by());
    }
    out.append("</table>\n</body>\n</html>\n<!-- ")
        .append(ReportDigest.PLACEHOLDER)
        .append(" -->\n");
    return out.toString();
  }

  private static void svg(StringBuilder out, AuditReport report) {
    Map<String, Integer> layers = report.layers();
    Map<Integer, List<String>> columns = new TreeMap<>();
    layers.forEach((key, layer) -> columns.computeIfAbsent(layer, l -> new ArrayList<>()).add(key));
    Map<String, int[]> position = new HashMap<>();
    int rows = 1;
    for (Map.Entry<Integer, List<String>> column : columns.entrySet()) {
      List<String> keys = column.getValue();
      keys.sort(AuditReport.KEYS);
      rows = Math.max(rows, keys.size());
      for (int row = 0; row < keys.size(); row++) {
        int x = MARGIN + column.getKey() * (NODE_WIDTH + COLUMN_GAP);
        int y = MARGIN + row * (NODE_HEIGHT + ROW_GAP);
        position.put(keys.get(row), new int[] {x, y});
      }
    }
    int width = MARGIN * 2 + columns.size() * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP;
    int height = MARGIN * 2 + rows * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"lineage diagram\">\n")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" ")
        .append("markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
        .append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n");
    for (Edge edge : report.edges()) {
      int[] from = position.get(edge.from());
      int[] to = position.get(edge.to());
      if (from == null || to == null) {
        continue;
      }
      out.append("<line x1=\"")
          .append(from[0] + NODE_WIDTH)
          .append("\" y1=\"")
          .append(from[1] + NODE_HEIGHT / 2)
          .append("\" x2=\"")
          .append(to[0])
          .append("\" y2=\"")
          .append(to[1] + NODE_HEIGHT / 2)
          .append("\" stroke=\"#555\" marker-end=\"url(#arrow)\"><title>")
          .append(escape(edge.from() + " -> " + edge.to() + " (" + edge.type() + ")"))
          .append("</title></line>\n");
    }
    for (String key : report.nodeKeys()) {
      // layers() places every node key, so every key has a position.
      int[] at = Objects.requireNonNull(position.get(key));
      boolean artifact = key.startsWith("artifact:");
      boolean isModel = key.equals(report.model().key());
      out.append("<g><title>")
          .append(escape(key))
          .append("</title><rect x=\"")
          .append(at[0])
          .append("\" y=\"")
          .append(at[1])
          .append("\" width=\"")
          .append(NODE_WIDTH)
          .append("\" height=\"")
          .append(NODE_HEIGHT)
          .append("\" rx=\"")
          .append(artifact ? 2 : 18)
          .append("\" fill=\"")
          .append(isModel ? "#ffe8a8" : artifact ? "#dbeafe" : "#e7f5e1")
          .append("\" stroke=\"#555\"/>");
      String label = report.label(key);
      String shown = label.length() > 26 ? label.substring(0, 25) + "…" : label;
      out.append("<text x=\"")
          .append(at[0] + NODE_WIDTH / 2)
          .append("\" y=\"")
          .append(at[1] + 18)
          .append("\" text-anchor=\"middle\" font-size=\"12\">")
          .append(escape(shown))
          .append("</text><text x=\"")
          .append(at[0] + NODE_WIDTH / 2)
          .append("\" y=\"")
          .append(at[1] + 34)
          .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">")
          .append(escape(key))
          .append("</text></g>\n");
    }
    out.append("</svg>\n");
  }

  private static void executions(
      StringBuilder out, AuditReport report, List<ExecutionEntry> executions) {
    if (executions.isEmpty()) {
      out.append("<p>None.</p>\n");
      return;
    }
    out.append("<table>\n");
    header(
        out,
        "key",
        "type",
        "name",
        "state",
        "started",
        "ended",
        "runs / experiments",
        "owner",
        "properties");
    for (ExecutionEntry e : executions) {
      row(
          out,
          e.key(),
          e.type(),
          e.name(),
          e.state(),
          e.startTime(),
          e.endTime(),
          String.join(", ", report.contextNames(e)),
          e.owner(),
          e.properties());
    }
    out.append("</table>\n");
  }

  private static void artifacts(
      StringBuilder out, AuditReport report, List<ArtifactEntry> artifacts) {
    if (artifacts.isEmpty()) {
      out.append("<p>None.</p>\n");
      return;
    }
    out.append("<table>\n");
    header(
        out,
        "key",
        "type",
        "name",
        "version",
        "uri",
        "digest",
        "owner",
        "created",
        "produced by",
        "properties");
    for (ArtifactEntry a : artifacts) {
      row(
          out,
          a.key(),
          a.type(),
          a.name(),
          a.version(),
          a.uri(),
          a.digest(),
          a.owner(),
          a.createTime(),
          String.join(", ", report.producers(a.key())),
          a.properties());
    }
    out.append("</table>\n");
  }

  private static void field(StringBuilder out, String name, @Nullable Object value) {
    out.append("<tr><th>")
        .append(escape(name))
        .append("</th><td>")
        .append(escape(Text.of(value)))
        .append("</td></tr>\n");
  }

  private static void header(StringBuilder out, String... names) {
    out.append("<tr>");
    for (String name : names) {
      out.append("<th>").append(escape(name)).append("</th>");
    }
    out.append("</tr>\n");
  }

  private static void row(StringBuilder out, @Nullable Object... cells) {
    out.append("<tr>");
    for (Object cell : cells) {
      out.append("<td>").append(escape(Text.of(cell))).append("</td>");
    }
    out.append("</tr>\n");
  }

  private static String escape(@Nullable String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
