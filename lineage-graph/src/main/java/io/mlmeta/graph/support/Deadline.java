package io.mlmeta.graph.support;

import java.time.Duration;

/** A point on the monotonic clock after which a walk gives up. */
public final class Deadline {

  private final long deadlineNanos;

  private Deadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  public static Deadline after(Duration budget) {
    long now = System.nanoTime();
    long budgetNanos;
    try {
      budgetNanos = budget.toNanos();
    } catch (ArithmeticException tooLong) {
      budgetNanos = Long.MAX_VALUE / 2;
    }
    return new Deadline(now + Math.min(budgetNanos, Long.MAX_VALUE / 2));
  }

  public boolean expired() {
    return System.nanoTime() - deadlineNanos >= 0;
  }

  /** Milliseconds left, at least 1 (so it can be used as a database statement timeout). */
  public long remainingMillisAtLeastOne() {
    return Math.max(1, Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis());
  }
}
