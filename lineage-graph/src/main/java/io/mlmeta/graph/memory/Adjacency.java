package io.mlmeta.graph.memory;

import java.util.Arrays;

/**
 * One node's edges in one direction: the neighbours' slots and the event times (epoch nanoseconds)
 * in two parallel growable arrays. The owner indexes entries by position; removal moves the last
 * entry into the gap, so it reports which neighbour moved.
 */
final class Adjacency {

  static final int NONE_MOVED = -1;

  private int[] neighbours = new int[2];
  private long[] times = new long[2];
  private int size;

  int size() {
    return size;
  }

  int neighbour(int index) {
    return neighbours[index];
  }

  long time(int index) {
    return times[index];
  }

  void setTime(int index, long time) {
    times[index] = time;
  }

  /** Appends an entry and returns its position. */
  int add(int neighbour, long time) {
    if (size == neighbours.length) {
      neighbours = Arrays.copyOf(neighbours, size * 2);
      times = Arrays.copyOf(times, size * 2);
    }
    neighbours[size] = neighbour;
    times[size] = time;
    return size++;
  }

  /**
   * Removes the entry at {@code index}; returns the neighbour of the entry that moved into {@code
   * index}, or {@link #NONE_MOVED}.
   */
  int removeAt(int index) {
    size--;
    if (index == size) {
      return NONE_MOVED;
    }
    neighbours[index] = neighbours[size];
    times[index] = times[size];
    return neighbours[index];
  }
}
