package io.mlmeta.graph.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/** Splits lists and streams into write or lookup batches. */
public final class Batches {

  private Batches() {}

  public static <T> List<List<T>> of(Collection<T> items, int batchSize) {
    requirePositive(batchSize);
    List<T> all = List.copyOf(items);
    List<List<T>> batches = new ArrayList<>((all.size() + batchSize - 1) / batchSize);
    for (int start = 0; start < all.size(); start += batchSize) {
      batches.add(all.subList(start, Math.min(all.size(), start + batchSize)));
    }
    return batches;
  }

  /**
   * Batches of a stream, read lazily as they are iterated (for example a whole table copied in
   * batches without holding it); the last batch may be shorter.
   */
  public static <T> Iterable<List<T>> of(Stream<T> items, int batchSize) {
    requirePositive(batchSize);
    Iterator<T> source = items.iterator();
    return () ->
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return source.hasNext();
          }

          @Override
          public List<T> next() {
            if (!source.hasNext()) {
              throw new NoSuchElementException();
            }
            List<T> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && source.hasNext()) {
              batch.add(source.next());
            }
            return batch;
          }
        };
  }

  private static void requirePositive(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
  }
}
