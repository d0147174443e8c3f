package io.mlmeta.server.identity;

/** What a principal may do in one workspace; each role includes the ones before it. */
public enum Role {
  /** Every read and lineage query of the workspace. */
  READER,
  /** Reads, and writes of artifacts, executions, contexts and links. */
  WRITER,
  /** Writes, and grants and workspace settings. */
  OWNER;

  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  /** The stronger of two roles, where either may be absent. */
  public static Role strongest(Role a, Role b) {
    return a.includes(b) ? a : b;
  }
}
