package io.mlmeta.graph.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits lists into write or lookup batches. */
public final class Batches {

  private Batches() {}

  public static <T> List<List<T>> of(Collection<T> items, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    List<T> all = List.copyOf(items);
    List<List<T>> batches = new ArrayList<>((all.size() + batchSize - 1) / batchSize);
    for (int start = 0; start < all.size(); start += batchSize) {
      batches.add(all.subList(start, Math.min(all.size(), start + batchSize)));
    }
    return batches;
  }
}
