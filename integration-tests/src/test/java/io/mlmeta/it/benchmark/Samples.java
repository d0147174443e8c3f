package io.mlmeta.it.benchmark;

import java.util.Arrays;
import java.util.Locale;

/** Wall times of one measured operation, in nanoseconds; thread-safe. */
final class Samples {

  private long[] nanos = new long[64];
  private int size;

  synchronized void add(long value) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = value;
  }

  /** Drops what was recorded, for example during a warm-up. */
  synchronized void clear() {
    size = 0;
  }

  synchronized int size() {
    return size;
  }

  /**
   * The nearest-rank percentile in milliseconds: with n samples, p99 is the largest when n < 100.
   */
  synchronized double percentileMillis(double percentile) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100 * size);
    return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
  }

  double p50() {
    return percentileMillis(50);
  }

  double p95() {
    return percentileMillis(95);
  }

  double p99() {
    return percentileMillis(99);
  }

  /** Milliseconds with three significant digits, for tables. */
  static String millis(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (value >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (value >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (value >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
