package io.mlmeta.server.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/**
 * One injectable clock, so that time-dependent logic can be tested with a fixed clock. It ticks in
 * microseconds, PostgreSQL's precision, so a write returns exactly the timestamps a read returns.
 */
public class ClockProducer {

  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }
}
