package io.mlmeta.sdk.lineage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything downstream of a node, grouped by type: what breaks if it is bad.
 *
 * @param byType the downstream nodes the caller may read, per type name, in the server's order
 * @param total how many nodes there are in all, redacted ones included
 * @param truncated whether the walk was cut short
 * @param answeredBy which engine answered
 * @param redacted the downstream nodes in workspaces the caller cannot read: key and kind only
 */
public record Impact(
    Map<String, List<LineageNode>> byType,
    int total,
    boolean truncated,
    AnsweredBy answeredBy,
    List<LineageNode> redacted) {

  /** Makes the groups immutable. */
  public Impact {
    Map<String, List<LineageNode>> copy = new LinkedHashMap<>();
    byType.forEach((type, nodes) -> copy.put(type, List.copyOf(nodes)));
    byType = Collections.unmodifiableMap(copy);
    redacted = List.copyOf(redacted);
  }
}
