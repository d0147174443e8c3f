package io.mlmeta.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * How the SDK retries a failed call: up to {@code maxRetries} more attempts, waiting an
 * exponentially growing, jittered backoff between them. A call is retried on {@code ABORTED} (a
 * conflicting concurrent write) and, because every SDK write carries an idempotency key, on {@code
 * UNAVAILABLE} and {@code DEADLINE_EXCEEDED}; other errors are reported at once.
 *
 * @param maxRetries attempts after the first; 0 disables retries
 * @param initialBackoff wait before the first retry
 * @param maxBackoff upper bound of any wait
 * @param multiplier growth of the wait per retry, at least 1
 */
public record RetryPolicy(
    int maxRetries, Duration initialBackoff, Duration maxBackoff, double multiplier) {

  /** Checks the bounds. */
  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
    if (!(multiplier >= 1)) {
      throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
    }
  }

  /** Four retries, starting at 100 ms and doubling up to 5 s. */
  public static RetryPolicy defaults() {
    return withRetries(4);
  }

  /** The default backoff with the given number of retries. */
  public static RetryPolicy withRetries(int maxRetries) {
    return new RetryPolicy(maxRetries, Duration.ofMillis(100), Duration.ofSeconds(5), 2.0);
  }

  /** No retries. */
  public static RetryPolicy none() {
    return withRetries(0);
  }

  /** The wait before retry number {@code retry} (1-based), before jitter. */
  public Duration backoff(int retry) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
    return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
  }
}
