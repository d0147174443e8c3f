package io.mlmeta.cli.audit;

import io.mlmeta.cli.audit.AuditReport.ArtifactEntry;
import io.mlmeta.cli.audit.AuditReport.ContextEntry;
import io.mlmeta.cli.audit.AuditReport.ExecutionEntry;
import io.mlmeta.cli.output.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The audit report as JSON; the digest is the last field. */
final class JsonAuditRenderer {

  private JsonAuditRenderer() {}

  static String render(AuditReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("report", "mlmeta audit report");
    root.put("formatVersion", 1);
    root.put("workspace", report.workspace());
    root.put("model", artifact(report, report.model()));
    root.put("upstreamExecutions", executions(report, report.upstreamExecutions()));
    root.put("upstreamArtifacts", artifacts(report, report.upstreamArtifacts()));
    root.put("metrics", artifacts(report, report.metrics()));
    root.put("deployments", executions(report, report.deployments()));
    root.put("otherConsumers", executions(report, report.otherConsumers()));
    root.put("contexts", report.contexts().stream().map(JsonAuditRenderer::context).toList());
    root.put(
        "edges",
        report.edges().stream()
            .map(e -> ordered("from", e.from(), "to", e.to(), "type", e.type()))
            .toList());
    root.put(
        "timeline",
        report.timeline().stream()
            .map(
                t ->
                    ordered(
                        "time", t.time(), "subject", t.subject(), "event", t.event(), "by", t.by()))
            .toList());
    root.put("truncated", report.truncated());
    root.put("workspaces", report.workspaces());
    root.put("redacted", report.redacted());
    root.put("digest", ReportDigest.PLACEHOLDER);
    return Json.pretty(root) + "\n";
  }

  private static List<Object> artifacts(AuditReport report, List<ArtifactEntry> artifacts) {
    return artifacts.stream().map(a -> (Object) artifact(report, a)).toList();
  }

  private static List<Object> executions(AuditReport report, List<ExecutionEntry> executions) {
    return executions.stream().map(e -> (Object) execution(report, e)).toList();
  }

  private static Map<String, Object> artifact(AuditReport report, ArtifactEntry a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", a.key());
    m.put("id", a.id());
    m.put("type", a.type());
    m.put("name", a.name());
    m.put("uri", a.uri());
    m.put("version", a.version());
    m.put("state", a.state());
    m.put("digest", a.digest());
    m.put("owner", a.owner());
    m.put("createTime", a.createTime());
    m.put("updateTime", a.updateTime());
    m.put("producedBy", report.producers(a.key()));
    m.put("properties", Json.sorted(a.properties()));
    return m;
  }

  private static Map<String, Object> execution(AuditReport report, ExecutionEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", e.key());
    m.put("id", e.id());
    m.put("type", e.type());
    m.put("name", e.name());
    m.put("state", e.state());
    m.put("owner", e.owner());
    m.put("startTime", e.startTime());
    m.put("endTime", e.endTime());
    m.put("createTime", e.createTime());
    m.put("updateTime", e.updateTime());
    m.put("contexts", report.contextNames(e));
    m.put("properties", Json.sorted(e.properties()));
    return m;
  }

  private static Map<String, Object> context(ContextEntry c) {
    return ordered(
        "id",
        c.id(),
        "type",
        c.type(),
        "name",
        c.name(),
        "parentIds",
        c.parentIds(),
        "createTime",
        c.createTime());
  }

  private static Map<String, Object> ordered(@Nullable Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
