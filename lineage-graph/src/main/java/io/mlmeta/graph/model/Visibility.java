package io.mlmeta.graph.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The workspaces whose nodes a lineage walk may show: all of them, or a set. Walks cross every
 * edge; a node outside the visible workspaces is returned as a {@linkplain Node#redacted redacted}
 * stand-in, so a reader learns that its dataset feeds something it may not see, but not what.
 */
public final class Visibility {

  private static final Visibility ALL = new Visibility(true, new long[0]);

  private final boolean all;
  private final long[] workspaceIds;

  private Visibility(boolean all, long[] sortedWorkspaceIds) {
    this.all = all;
    this.workspaceIds = sortedWorkspaceIds;
  }

  /** Every workspace: an administrator's view, and the engines' own. */
  public static Visibility all() {
    return ALL;
  }

  public static Visibility workspace(long workspaceId) {
    return of(List.of(workspaceId));
  }

  /** Exactly these workspaces. */
  public static Visibility of(Collection<Long> workspaceIds) {
    long[] ids = workspaceIds.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
    for (long id : ids) {
      if (id <= 0) {
        throw new IllegalArgumentException("workspace id must be positive: " + id);
      }
    }
    return new Visibility(false, ids);
  }

  public boolean includesAll() {
    return all;
  }

  public boolean includes(long workspaceId) {
    return all || Arrays.binarySearch(workspaceIds, workspaceId) >= 0;
  }

  /** The visible workspaces, sorted; empty when {@link #includesAll()}. */
  public long[] workspaceIds() {
    return workspaceIds.clone();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Visibility that
        && all == that.all
        && Arrays.equals(workspaceIds, that.workspaceIds);
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(all) * 31 + Arrays.hashCode(workspaceIds);
  }

  @Override
  public String toString() {
    return all ? "Visibility[all]" : "Visibility" + Arrays.toString(workspaceIds);
  }
}
