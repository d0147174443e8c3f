package io.mlmeta.sdk.access;

/**
 * A role in a workspace, each including the one before: {@link #READER} reads and walks lineage,
 * {@link #WRITER} also writes, {@link #OWNER} also grants roles and changes the workspace's
 * settings.
 */
public enum Role {
  READER,
  WRITER,
  OWNER
}
