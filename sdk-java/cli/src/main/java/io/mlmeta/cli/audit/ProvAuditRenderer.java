package io.mlmeta.cli.audit;

import io.mlmeta.cli.audit.AuditReport.ArtifactEntry;
import io.mlmeta.cli.audit.AuditReport.Edge;
import io.mlmeta.cli.audit.AuditReport.ExecutionEntry;
import io.mlmeta.cli.output.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The audit report as W3C PROV-JSON: artifacts are entities, executions activities, owners agents
 * ({@code wasAttributedTo} for artifacts, {@code wasAssociatedWith} for executions with an {@code
 * owner} property), events {@code used} and {@code wasGeneratedBy}. The report is an entity itself,
 * derived from the model, and carries the digest as its last attribute; it is the last entity of
 * the document.
 */
final class ProvAuditRenderer {

  private static final String REPORT = "mlmeta:audit-report";

  private ProvAuditRenderer() {}

  static String render(AuditReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> prefix = new LinkedHashMap<>();
    prefix.put("mlmeta", "urn:mlmeta:");
    prefix.put("xsd", "http://www.w3.org/2001/XMLSchema#");
    root.put("prefix", prefix);

    Map<String, Object> agents = new TreeMap<>();
    Map<String, Object> activities = new LinkedHashMap<>();
    Map<String, Object> used = new LinkedHashMap<>();
    Map<String, Object> generated = new LinkedHashMap<>();
    Map<String, Object> associated = new LinkedHashMap<>();
    Map<String, Object> attributed = new LinkedHashMap<>();
    Map<String, Object> derived = new LinkedHashMap<>();
    Map<String, Object> entities = new LinkedHashMap<>();

    for (ExecutionEntry e : report.executions()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("prov:type", "mlmeta:" + e.type());
      put(a, "prov:label", e.name());
      put(a, "prov:startTime", e.startTime() == null ? null : e.startTime().toString());
      put(a, "prov:endTime", e.endTime() == null ? null : e.endTime().toString());
      put(a, "mlmeta:state", e.state());
      put(a, "mlmeta:createTime", time(e.createTime()));
      put(a, "mlmeta:contexts", String.join("; ", report.contextNames(e)));
      if (!e.properties().isEmpty()) {
        a.put("mlmeta:properties", Json.compact(e.properties()));
      }
      activities.put(id(e.key()), a);
      if (e.owner() != null) {
        agents.put(agent(e.owner()), agentRecord(e.owner()));
        associated.put(
            "_:assoc" + (associated.size() + 1),
            pair("prov:activity", id(e.key()), "prov:agent", agent(e.owner())));
      }
    }
    for (ArtifactEntry a : report.artifacts()) {
      Map<String, Object> entity = new LinkedHashMap<>();
      entity.put("prov:type", "mlmeta:" + a.type());
      put(entity, "prov:label", a.name());
      put(entity, "mlmeta:uri", a.uri());
      put(entity, "mlmeta:version", a.version());
      put(entity, "mlmeta:state", a.state());
      put(entity, "mlmeta:digest", a.digest());
      put(entity, "mlmeta:createTime", time(a.createTime()));
      put(entity, "mlmeta:updateTime", time(a.updateTime()));
      if (!a.properties().isEmpty()) {
        entity.put("mlmeta:properties", Json.compact(a.properties()));
      }
      entities.put(id(a.key()), entity);
      if (a.owner() != null) {
        agents.put(agent(a.owner()), agentRecord(a.owner()));
        attributed.put(
            "_:attr" + (attributed.size() + 1),
            pair("prov:entity", id(a.key()), "prov:agent", agent(a.owner())));
      }
    }
    // Nodes the exporter cannot read are named, so the relations through them stay whole.
    for (String key : report.redacted()) {
      (key.startsWith("artifact:") ? entities : activities)
          .put(id(key), Map.of("mlmeta:redacted", true));
    }
    for (Edge edge : report.edges()) {
      if (edge.type().equals("INPUT")) {
        used.put(
            "_:used" + (used.size() + 1),
            pair("prov:activity", id(edge.to()), "prov:entity", id(edge.from())));
      } else {
        generated.put(
            "_:gen" + (generated.size() + 1),
            pair("prov:entity", id(edge.to()), "prov:activity", id(edge.from())));
      }
    }
    derived.put(
        "_:derived1",
        pair("prov:generatedEntity", REPORT, "prov:usedEntity", id(report.model().key())));
    Map<String, Object> self = new LinkedHashMap<>();
    self.put("prov:type", "mlmeta:AuditReport");
    self.put("prov:label", "audit report of " + report.model().key());
    self.put("mlmeta:truncated", report.truncated());
    self.put("mlmeta:workspaces", report.workspaces());
    self.put("mlmeta:redacted", report.redacted());
    self.put("mlmeta:sha256", ReportDigest.PLACEHOLDER);
    entities.put(REPORT, self);

    putSection(root, "agent", agents);
    putSection(root, "activity", activities);
    putSection(root, "used", used);
    putSection(root, "wasGeneratedBy", generated);
    putSection(root, "wasAssociatedWith", associated);
    putSection(root, "wasAttributedTo", attributed);
    putSection(root, "wasDerivedFrom", derived);
    root.put("entity", entities);
    return Json.pretty(root) + "\n";
  }

  private static void putSection(Map<String, Object> root, String name, Map<String, Object> map) {
    if (!map.isEmpty()) {
      root.put(name, map);
    }
  }

  private static String id(String key) {
    return "mlmeta:" + key.replace(':', '/');
  }

  private static String agent(String owner) {
    StringBuilder local = new StringBuilder("mlmeta:agent/");
    for (byte b : owner.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_') {
        local.append(c);
      } else {
        local.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return local.toString();
  }

  private static Map<String, Object> agentRecord(String owner) {
    return pair("prov:type", "prov:Person", "prov:label", owner);
  }

  private static @Nullable Map<String, Object> time(@Nullable Instant instant) {
    return instant == null ? null : pair("$", instant.toString(), "type", "xsd:dateTime");
  }

  private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static void put(Map<String, Object> map, String key, @Nullable Object value) {
    if (value != null && !(value instanceof String s && s.isEmpty())) {
      map.put(key, value);
    }
  }
}
