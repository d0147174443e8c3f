package io.mlmeta.cli.audit;

import io.mlmeta.cli.audit.AuditReport.ArtifactEntry;
import io.mlmeta.cli.audit.AuditReport.ContextEntry;
import io.mlmeta.cli.audit.AuditReport.Edge;
import io.mlmeta.cli.audit.AuditReport.ExecutionEntry;
import io.mlmeta.cli.audit.AuditReport.TimelineEntry;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The audit report as Markdown with a Mermaid lineage diagram; the digest is a last comment. */
final class MarkdownAuditRenderer {

  private MarkdownAuditRenderer() {}

  static String render(AuditReport report) {
    ArtifactEntry model = report.model();
    StringBuilder out = new StringBuilder();
    out.append("# Audit report: ")
        .append(cell(model.name()))
        .append(model.version() == null ? "" : " " + cell(model.version()))
        .append(" (")
        .append(model.key())
        .append(")\n\n");
    out.append("Workspace: ").append(cell(report.workspace())).append("  \n");
    out.append("Lineage complete: ").append(report.truncated() ? "no (truncated)" : "yes");
    if (report.crossesWorkspaces()) {
      out.append("  \n").append(cell(report.workspaceSummary()));
    }
    out.append("\n\n## Model\n\n| field | value |\n| --- | --- |\n");
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

    out.append("\n## Lineage\n\n```mermaid\nflowchart LR\n");
    for (String key : report.nodeKeys()) {
      String id = key.replace("artifact:", "a").replace("execution:", "e");
      String label = report.label(key).replace("\"", "#quot;");
      out.append("  ")
          .append(id)
          .append(key.startsWith("artifact:") ? "[\"" : "([\"")
          .append(label)
          .append(key.startsWith("artifact:") ? "\"]" : "\"])")
          .append('\n');
    }
    for (Edge edge : report.edges()) {
      out.append("  ")
          .append(edge.from().replace("artifact:", "a").replace("execution:", "e"))
          .append(" --> ")
          .append(edge.to().replace("artifact:", "a").replace("execution:", "e"))
          .append('\n');
    }
    out.append("```\n");

    out.append("\n## Upstream executions\n\n");
    executions(out, report, report.upstreamExecutions());
    out.append("\n## Upstream artifacts\n\n");
    artifacts(out, report, report.upstreamArtifacts());
    out.append("\n## Metrics\n\n");
    artifacts(out, report, report.metrics());
    out.append("\n## Deployments\n\n");
    executions(out, report, report.deployments());
    out.append("\n## Other consumers\n\n");
    executions(out, report, report.otherConsumers());

    out.append("\n## Runs and experiments\n\n");
    if (report.contexts().isEmpty()) {
      out.append("None.\n");
    } else {
      out.append("| key | type | name | parents | created |\n| --- | --- | --- | --- | --- |\n");
      for (ContextEntry c : report.contexts()) {
        row(
            out,
            "context:" + c.id(),
            c.type(),
            c.name(),
            String.join(", ", c.parentIds().stream().map(id -> "context:" + id).toList()),
            c.createTime());
      }
    }

    out.append("\n## Who wrote what and when\n\n");
    out.append("| time | subject | event | by |\n| --- | --- | --- | --- |\n");
    for (TimelineEntry t : report.timeline()) {
      row(out, t.time(), t.subject() + " " + report.label(t.subject()), t.event(), t.by());
    }
    out.append("\n<!-- ").append(ReportDigest.PLACEHOLDER).append(" -->\n");
    return out.toString();
  }

  private static void executions(
      StringBuilder out, AuditReport report, List<ExecutionEntry> executions) {
    if (executions.isEmpty()) {
      out.append("None.\n");
      return;
    }
    out.append("| key | type | name | state | started | ended | runs / experiments | owner |")
        .append(" properties |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
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
  }

  private static void artifacts(
      StringBuilder out, AuditReport report, List<ArtifactEntry> artifacts) {
    if (artifacts.isEmpty()) {
      out.append("None.\n");
      return;
    }
    out.append("| key | type | name | version | uri | digest | owner | created | produced by |")
        .append(" properties |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
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
  }

  private static void field(StringBuilder out, String name, @Nullable Object value) {
    row(out, name, value);
  }

  private static void row(StringBuilder out, @Nullable Object... cells) {
    out.append('|');
    for (Object value : cells) {
      out.append(' ').append(cell(value)).append(" |");
    }
    out.append('\n');
  }

  private static String cell(@Nullable Object value) {
    String text = Text.of(value);
    return text.isEmpty()
        ? ""
        : text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;");
  }
}
