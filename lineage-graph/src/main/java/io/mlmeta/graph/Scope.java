package io.mlmeta.graph;

import java.util.OptionalLong;

/** Which part of the graph an administrative read covers: one workspace, or all of them. */
public record Scope(OptionalLong workspaceId) {

  private static final Scope ALL = new Scope(OptionalLong.empty());

  public Scope {
    if (workspaceId.isPresent() && workspaceId.getAsLong() <= 0) {
      throw new IllegalArgumentException("workspace id must be positive: " + workspaceId);
    }
  }

  public static Scope all() {
    return ALL;
  }

  public static Scope workspace(long workspaceId) {
    return new Scope(OptionalLong.of(workspaceId));
  }

  public boolean includes(long workspace) {
    return workspaceId.isEmpty() || workspaceId.getAsLong() == workspace;
  }
}
