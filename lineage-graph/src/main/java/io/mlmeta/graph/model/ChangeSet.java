package io.mlmeta.graph.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An ordered batch of graph changes. Engines apply the changes in order; consecutive changes of the
 * same sort are written together (see {@link #runs()}), so a change set of 10,000 node upserts
 * followed by 12,000 edge upserts costs a handful of round trips, not 22,000.
 */
public record ChangeSet(List<GraphChange> changes) {

  public ChangeSet {
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
  }

  public static ChangeSet of(GraphChange... changes) {
    return new ChangeSet(List.of(changes));
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public int size() {
    return changes.size();
  }

  /**
   * The changes split into maximal runs of consecutive changes of the same class. Applying the runs
   * in order, each run as one batch, gives the same result as applying the changes one by one.
   */
  public List<List<GraphChange>> runs() {
    List<List<GraphChange>> runs = new ArrayList<>();
    List<GraphChange> current = new ArrayList<>();
    for (GraphChange change : changes) {
      if (!current.isEmpty() && current.get(0).getClass() != change.getClass()) {
        runs.add(List.copyOf(current));
        current.clear();
      }
      current.add(change);
    }
    if (!current.isEmpty()) {
      runs.add(List.copyOf(current));
    }
    return runs;
  }

  /** Collects changes in order. */
  public static final class Builder {
    private final List<GraphChange> changes = new ArrayList<>();

    private Builder() {}

    public Builder upsert(Node node) {
      changes.add(new GraphChange.UpsertNode(node));
      return this;
    }

    public Builder upsertNodes(Collection<Node> nodes) {
      nodes.forEach(this::upsert);
      return this;
    }

    public Builder upsert(Edge edge) {
      changes.add(new GraphChange.UpsertEdge(edge));
      return this;
    }

    public Builder upsertEdges(Collection<Edge> edges) {
      edges.forEach(this::upsert);
      return this;
    }

    public Builder delete(EdgeKey edge) {
      changes.add(new GraphChange.DeleteEdge(edge));
      return this;
    }

    public Builder delete(NodeKey node) {
      changes.add(new GraphChange.DeleteNode(node));
      return this;
    }

    public Builder add(GraphChange change) {
      changes.add(Objects.requireNonNull(change, "change"));
      return this;
    }

    public ChangeSet build() {
      return new ChangeSet(changes);
    }
  }
}
