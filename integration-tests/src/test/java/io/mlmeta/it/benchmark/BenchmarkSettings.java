package io.mlmeta.it.benchmark;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What the benchmark is asked to do, from system properties: {@code benchmark.scale} (10k, 100k or
 * 1m nodes), {@code benchmark.quick} (shorter time budgets, for a smoke run), {@code
 * benchmark.seed} and {@code benchmark.output} (where results.json and results.md go).
 */
record BenchmarkSettings(
    String scale,
    int nodes,
    boolean quick,
    long seed,
    int clients,
    int timedIngestSeconds,
    double secondsPerQuery,
    int lagSeconds,
    int lagEdgesPerSecond,
    Path output) {

  static BenchmarkSettings fromSystemProperties() {
    String scale = System.getProperty("benchmark.scale", "100k").trim().toLowerCase(Locale.ROOT);
    int nodes =
        switch (scale) {
          case "10k" -> 10_000;
          case "100k" -> 100_000;
          case "1m" -> 1_000_000;
          default ->
              throw new IllegalArgumentException(
                  "benchmark.scale must be 10k, 100k or 1m; got " + scale);
        };
    boolean quick = Boolean.getBoolean("benchmark.quick");
    return new BenchmarkSettings(
        scale,
        nodes,
        quick,
        Long.getLong("benchmark.seed", 7L),
        8,
        quick ? 8 : 20,
        quick ? 1.0 : 4.0,
        quick ? 10 : 30,
        2_000,
        Path.of(System.getProperty("benchmark.output", "target/benchmark")).toAbsolutePath());
  }
}
