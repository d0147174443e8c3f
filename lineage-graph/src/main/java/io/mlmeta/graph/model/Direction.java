package io.mlmeta.graph.model;

/**
 * Which way a walk follows edges, relative to data flow (artifact -> execution for inputs,
 * execution -> artifact for outputs).
 */
public enum Direction {
  /** Against data flow: where did this come from (producers, their inputs, ...). */
  UPSTREAM,
  /** With data flow: what was made from this (consumers, their outputs, ...). */
  DOWNSTREAM,
  /**
   * The union of an {@link #UPSTREAM} and a {@link #DOWNSTREAM} walk from the same start. It does
   * not turn around: siblings (other outputs of a producer) are not reached through their producer.
   */
  BOTH;

  /** The single directions this one walks: itself, or UPSTREAM and DOWNSTREAM for BOTH. */
  public Direction[] walks() {
    return this == BOTH ? new Direction[] {UPSTREAM, DOWNSTREAM} : new Direction[] {this};
  }
}
