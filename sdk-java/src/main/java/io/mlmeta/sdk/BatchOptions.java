package io.mlmeta.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * When an {@link ExecutionBatch} writes what it buffered.
 *
 * @param maxSize records written per call, and the buffer size that triggers a write; 1 to 500 (the
 *     server's default batch limit)
 * @param flushInterval the longest a record waits in the buffer before a background write
 */
public record BatchOptions(int maxSize, Duration flushInterval) {

  /** The largest batch the server accepts by default. */
  public static final int MAX_SIZE = 500;

  /** Checks the bounds. */
  public BatchOptions {
    if (maxSize < 1 || maxSize > MAX_SIZE) {
      throw new IllegalArgumentException("maxSize must be 1 to " + MAX_SIZE + ": " + maxSize);
    }
    Objects.requireNonNull(flushInterval, "flushInterval");
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("flushInterval must be positive: " + flushInterval);
    }
  }

  /** 100 records or one second, whichever comes first. */
  public static BatchOptions defaults() {
    return new BatchOptions(100, Duration.ofSeconds(1));
  }

  /** These options with another size. */
  public BatchOptions withMaxSize(int maxSize) {
    return new BatchOptions(maxSize, flushInterval);
  }

  /** These options with another interval. */
  public BatchOptions withFlushInterval(Duration flushInterval) {
    return new BatchOptions(maxSize, flushInterval);
  }
}
