package io.mlmeta.sdk.lineage;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One answer (or several pages joined) of a lineage walk.
 *
 * @param nodes the nodes, start nodes included, in the server's order
 * @param edges the edges between returned nodes, in data-flow direction
 * @param truncated whether the page size or the time budget ended the walk early
 * @param truncation why it was truncated, or an empty string
 * @param nextPageToken the cursor of the next page, or an empty string
 * @param answeredBy which engine answered (of the last page)
 */
public record Lineage(
    List<LineageNode> nodes,
    List<LineageEdge> edges,
    boolean truncated,
    String truncation,
    String nextPageToken,
    AnsweredBy answeredBy) {

  /** Makes the lists immutable and the strings non-null. */
  public Lineage {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    truncation = truncation == null ? "" : truncation;
    nextPageToken = nextPageToken == null ? "" : nextPageToken;
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return !nextPageToken.isEmpty();
  }

  /** The node with this key, if the answer holds it. */
  public Optional<LineageNode> node(String key) {
    return nodes.stream().filter(n -> n.key().equals(key)).findFirst();
  }

  /** The nodes of one kind and type (any type when {@code type} is null). */
  public List<LineageNode> nodes(NodeKind kind, @Nullable String type) {
    return nodes.stream()
        .filter(n -> n.kind() == kind && (type == null || type.equals(n.type())))
        .toList();
  }
}
