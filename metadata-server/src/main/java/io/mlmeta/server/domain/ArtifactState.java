package io.mlmeta.server.domain;

import java.util.EnumSet;
import java.util.Set;

/** Life cycle of an artifact. Provenance is never broken silently: deletion is a state first. */
public enum ArtifactState {
  PENDING,
  LIVE,
  MARKED_FOR_DELETION,
  DELETED,
  ABANDONED,
  REFERENCE;

  /** Whether an artifact in this state may move to {@code next}. Staying in a state is allowed. */
  public boolean canTransitionTo(ArtifactState next) {
    return this == next || successors().contains(next);
  }

  private Set<ArtifactState> successors() {
    return switch (this) {
      case PENDING -> EnumSet.of(LIVE, ABANDONED);
      case LIVE -> EnumSet.of(MARKED_FOR_DELETION, DELETED);
      case MARKED_FOR_DELETION -> EnumSet.of(LIVE, DELETED);
      case REFERENCE -> EnumSet.of(LIVE, MARKED_FOR_DELETION, DELETED);
      case DELETED, ABANDONED -> EnumSet.noneOf(ArtifactState.class);
    };
  }
}
