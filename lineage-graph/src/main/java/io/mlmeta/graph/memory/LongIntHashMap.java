package io.mlmeta.graph.memory;

import java.util.Arrays;

/**
 * An open-addressing hash map from non-zero {@code long} keys to {@code int} values, without
 * boxing. Linear probing; removal shifts later entries back so no tombstones accumulate.
 */
final class LongIntHashMap {

  static final int MISSING = -1;
  private static final long EMPTY = 0L;
  private static final double MAX_LOAD = 0.6;

  private long[] keys;
  private int[] values;
  private int size;

  LongIntHashMap() {
    this(16);
  }

  LongIntHashMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, (int) (expected / MAX_LOAD)) - 1) << 1;
    keys = new long[capacity];
    values = new int[capacity];
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or {@link #MISSING}. */
  int get(long key) {
    requireKey(key);
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i];
      }
      if (keys[i] == EMPTY) {
        return MISSING;
      }
    }
  }

  void put(long key, int value) {
    requireKey(key);
    if (size + 1 > keys.length * MAX_LOAD) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      if (keys[i] == EMPTY) {
        keys[i] = key;
        values[i] = value;
        size++;
        return;
      }
    }
  }

  void remove(long key) {
    requireKey(key);
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (keys[i] != key) {
      if (keys[i] == EMPTY) {
        return;
      }
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: move up any later entry whose home slot is at or before the hole.
    int hole = i;
    for (int j = (hole + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
      int home = slot(keys[j], mask);
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    size--;
  }

  void clear() {
    Arrays.fill(keys, EMPTY);
    size = 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int slot(long key, int mask) {
    long mixed = key * 0x9E3779B97F4A7C15L;
    return (int) (mixed ^ (mixed >>> 32)) & mask;
  }

  private static void requireKey(long key) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("0 is reserved for empty slots");
    }
  }
}
