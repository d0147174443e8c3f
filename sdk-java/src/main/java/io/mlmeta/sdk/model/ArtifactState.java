package io.mlmeta.sdk.model;

/** Life-cycle state of an artifact, as the server stores it. */
public enum ArtifactState {
  PENDING,
  LIVE,
  MARKED_FOR_DELETION,
  DELETED,
  ABANDONED,
  REFERENCE
}
