package io.mlmeta.sdk.model;

/**
 * State of an execution. Legal moves: {@code NEW} to any other state, {@code RUNNING} to a terminal
 * state; {@code COMPLETE}, {@code FAILED}, {@code CACHED} and {@code CANCELED} are final.
 */
public enum ExecutionState {
  NEW,
  RUNNING,
  COMPLETE,
  FAILED,
  CACHED,
  CANCELED;

  /** Whether no further state change is allowed. */
  public boolean isTerminal() {
    return this != NEW && this != RUNNING;
  }
}
