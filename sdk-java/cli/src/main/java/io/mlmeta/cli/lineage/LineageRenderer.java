package io.mlmeta.cli.lineage;

import io.mlmeta.cli.output.Json;
import io.mlmeta.cli.output.Table;
import io.mlmeta.sdk.lineage.Lineage;
import io.mlmeta.sdk.lineage.LineageEdge;
import io.mlmeta.sdk.lineage.LineageNode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a lineage answer; nodes are sorted by hops then key, edges by their ends. */
public final class LineageRenderer {

  private LineageRenderer() {}

  private static final Comparator<String> KEYS =
      Comparator.comparing((String key) -> key.substring(0, key.indexOf(':')))
          .thenComparingLong(key -> Long.parseLong(key.substring(key.indexOf(':') + 1)));

  private static List<LineageNode> nodes(Lineage lineage) {
    return lineage.nodes().stream()
        .sorted(Comparator.comparingInt(LineageNode::hops).thenComparing(LineageNode::key, KEYS))
        .toList();
  }

  private static List<LineageEdge> edges(Lineage lineage) {
    return lineage.edges().stream()
        .sorted(Comparator.comparing(LineageEdge::from, KEYS).thenComparing(LineageEdge::to, KEYS))
        .toList();
  }

  private static final String REDACTED_NOTE = "redacted: in workspaces you cannot read";

  /** The type name, or a mark for a node of a workspace the caller cannot read. */
  private static String typeLabel(LineageNode node) {
    return node.redacted() ? "[redacted]" : String.valueOf(node.type());
  }

  /** A table of nodes, then one line per edge and a summary line. */
  public static String table(Lineage lineage) {
    Table table = new Table("HOPS", "KEY", "TYPE", "NAME", "STATE", "URI");
    nodes(lineage)
        .forEach(n -> table.row(n.hops(), n.key(), typeLabel(n), n.name(), n.state(), n.uri()));
    StringBuilder out = new StringBuilder(table.render()).append('\n');
    edges(lineage)
        .forEach(
            e ->
                out.append(e.from())
                    .append(" -> ")
                    .append(e.to())
                    .append("  ")
                    .append(e.type())
                    .append('\n'));
    long redacted = lineage.nodes().stream().filter(LineageNode::redacted).count();
    out.append(lineage.nodes().size())
        .append(" nodes")
        .append(redacted == 0 ? "" : " (" + redacted + " " + REDACTED_NOTE + ")")
        .append(", ")
        .append(lineage.edges().size())
        .append(" edges; answered by ")
        .append(lineage.answeredBy().engine())
        .append(" (")
        .append(lineage.answeredBy().reason())
        .append(")")
        .append(lineage.truncated() ? "; truncated" : "")
        .append('\n');
    return out.toString();
  }

  /** JSON with nodes, edges, truncated and answeredBy. */
  public static String json(Lineage lineage) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put(
        "nodes",
        nodes(lineage).stream()
            .map(
                n -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("key", n.key());
                  m.put("kind", n.kind());
                  m.put("id", n.id());
                  m.put("type", n.type());
                  m.put("state", n.state());
                  m.put("name", n.name());
                  m.put("uri", n.uri());
                  m.put("hops", n.hops());
                  m.put("redacted", n.redacted());
                  return m;
                })
            .toList());
    root.put(
        "edges",
        edges(lineage).stream()
            .map(
                e -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("from", e.from());
                  m.put("to", e.to());
                  m.put("type", e.type());
                  return m;
                })
            .toList());
    root.put("truncated", lineage.truncated());
    Map<String, Object> answeredBy = new LinkedHashMap<>();
    answeredBy.put("engine", lineage.answeredBy().engine());
    answeredBy.put("reason", lineage.answeredBy().reason());
    answeredBy.put("mirrorPosition", lineage.answeredBy().mirrorPosition());
    answeredBy.put("requiredPosition", lineage.answeredBy().requiredPosition());
    root.put("answeredBy", answeredBy);
    return Json.pretty(root) + "\n";
  }

  /** A Graphviz digraph: artifacts as boxes, executions as ellipses, data flowing left to right. */
  public static String dot(Lineage lineage) {
    StringBuilder out = new StringBuilder("digraph lineage {\n  rankdir=LR;\n");
    for (LineageNode n : nodes(lineage)) {
      String label = typeLabel(n) + (n.name() == null ? "" : "\\n" + n.name()) + "\\n" + n.key();
      out.append("  ")
          .append(Json.quote(n.key()))
          .append(" [shape=")
          .append(n.isArtifact() ? "box" : "ellipse")
          .append(", label=")
          .append(Json.quote(label).replace("\\\\n", "\\n"))
          .append("];\n");
    }
    for (LineageEdge e : edges(lineage)) {
      out.append("  ")
          .append(Json.quote(e.from()))
          .append(" -> ")
          .append(Json.quote(e.to()))
          .append(" [label=")
          .append(Json.quote(e.type().name()))
          .append("];\n");
    }
    return out.append("}\n").toString();
  }
}
