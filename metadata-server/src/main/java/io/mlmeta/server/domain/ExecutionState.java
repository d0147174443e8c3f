package io.mlmeta.server.domain;

import java.util.EnumSet;
import java.util.Set;

/** Life cycle of an execution: NEW, then RUNNING, then one terminal state. */
public enum ExecutionState {
  NEW,
  RUNNING,
  COMPLETE,
  FAILED,
  CACHED,
  CANCELED;

  /** Whether an execution in this state may move to {@code next}. Staying in a state is allowed. */
  public boolean canTransitionTo(ExecutionState next) {
    return this == next || successors().contains(next);
  }

  public boolean isTerminal() {
    return successors().isEmpty();
  }

  private Set<ExecutionState> successors() {
    return switch (this) {
      case NEW -> EnumSet.of(RUNNING, COMPLETE, FAILED, CACHED, CANCELED);
      case RUNNING -> EnumSet.of(COMPLETE, FAILED, CANCELED);
      case COMPLETE, FAILED, CACHED, CANCELED -> EnumSet.noneOf(ExecutionState.class);
    };
  }
}
