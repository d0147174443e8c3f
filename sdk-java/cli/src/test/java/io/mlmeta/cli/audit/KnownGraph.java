package io.mlmeta.cli.audit;

import io.mlmeta.cli.audit.AuditReport.ArtifactEntry;
import io.mlmeta.cli.audit.AuditReport.ContextEntry;
import io.mlmeta.cli.audit.AuditReport.Edge;
import io.mlmeta.cli.audit.AuditReport.ExecutionEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A hand-built provenance graph: raw data (with a digest) → prepare → features; features → train
 * (in run-7 of experiment mnist) → model; train also writes validation metrics; an evaluation reads
 * the model and writes test metrics; a canary deployment reads the model. The raw data comes from
 * the data team's workspace, whose ingest run (execution 12) the exporter cannot read.
 */
final class KnownGraph {

  private KnownGraph() {}

  static Instant at(String time) {
    return Instant.parse("2025-01-15T" + time + "Z");
  }

  static AuditReport report() {
    return report(false);
  }

  /** The report; with {@code shuffled}, every list is handed over in reverse order. */
  static AuditReport report(boolean shuffled) {
    ArtifactEntry raw =
        new ArtifactEntry(
            1,
            "Dataset",
            "mnist-raw",
            "gs://bucket/mnist/raw",
            "v1",
            "LIVE",
            "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "alice@example.com",
            Map.of("query", "SELECT * FROM digits", "labels", Map.of("k", "v")),
            at("09:00:00"),
            at("09:00:00"));
    ArtifactEntry features =
        new ArtifactEntry(
            3,
            "Dataset",
            "mnist-features",
            "gs://bucket/mnist/features",
            "v1",
            "LIVE",
            null,
            "bob",
            Map.of(),
            at("09:30:00"),
            at("09:30:00"));
    ArtifactEntry model =
        new ArtifactEntry(
            5,
            "Model",
            "MNIST",
            "gs://bucket/model",
            "v1",
            "LIVE",
            null,
            "bob",
            Map.of(
                "model_type", "neural network",
                "training_framework", Map.of("name", "tensorflow", "version", "v1.0"),
                "hyperparameters",
                    Map.of("learning_rate", 0.5, "layers", List.of(10, 3, 1), "early_stop", true),
                "labels", Map.of("mylabel", "l1")),
            at("10:15:00"),
            at("10:20:00"));
    ArtifactEntry validation =
        new ArtifactEntry(
            6,
            "Metrics",
            "mnist-validation",
            "gs://bucket/metrics/val",
            null,
            "LIVE",
            null,
            null,
            Map.of(
                "data_set_id",
                3,
                "model_id",
                5,
                "metrics_type",
                "validation",
                "values",
                Map.of("accuracy", 0.98)),
            at("10:16:00"),
            at("10:16:00"));
    ArtifactEntry test =
        new ArtifactEntry(
            8,
            "Metrics",
            "mnist-test, \"holdout\"",
            "gs://bucket/metrics/test",
            null,
            "LIVE",
            null,
            "carol | qa",
            Map.of("model_id", 5, "values", Map.of("accuracy", 0.97)),
            at("11:05:00"),
            at("11:05:00"));
    ExecutionEntry prepare =
        new ExecutionEntry(
            2,
            "Execution",
            "prepare",
            "COMPLETE",
            Map.of("owner", "alice@example.com"),
            at("09:10:00"),
            at("09:29:00"),
            at("09:10:00"),
            at("09:29:00"),
            List.of(10L));
    ExecutionEntry train =
        new ExecutionEntry(
            4,
            "Train",
            "training",
            "COMPLETE",
            Map.of("epochs", 12, "gpu", "none"),
            at("10:00:00"),
            at("10:16:30"),
            at("10:00:00"),
            at("10:16:30"),
            List.of(10L, 11L));
    ExecutionEntry evaluate =
        new ExecutionEntry(
            7,
            "Evaluate",
            "evaluate <holdout>",
            "COMPLETE",
            Map.of(),
            at("11:00:00"),
            at("11:05:00"),
            at("11:00:00"),
            at("11:05:00"),
            List.of());
    ExecutionEntry deploy =
        new ExecutionEntry(
            9,
            "Deploy",
            "serve-canary",
            "RUNNING",
            Map.of(
                "inference_service",
                "mnist",
                "endpoint",
                "https://serve.example.com/mnist",
                "traffic_percent",
                10,
                "canary",
                true,
                "owner",
                "dave"),
            at("12:00:00"),
            null,
            at("12:00:00"),
            at("12:00:00"),
            List.of());
    List<ContextEntry> contexts =
        new ArrayList<>(
            List.of(
                new ContextEntry(10, "Run", "run-7", List.of(11L), at("08:55:00")),
                new ContextEntry(11, "Experiment", "mnist", List.of(), at("08:50:00"))));
    List<Edge> edges =
        new ArrayList<>(
            List.of(
                new Edge("artifact:1", "execution:2", "INPUT"),
                new Edge("execution:2", "artifact:3", "OUTPUT"),
                new Edge("artifact:3", "execution:4", "INPUT"),
                new Edge("execution:4", "artifact:5", "OUTPUT"),
                new Edge("execution:4", "artifact:6", "OUTPUT"),
                new Edge("artifact:5", "execution:7", "INPUT"),
                new Edge("execution:7", "artifact:8", "OUTPUT"),
                new Edge("artifact:5", "execution:9", "INPUT"),
                new Edge("execution:12", "artifact:1", "OUTPUT")));
    List<ExecutionEntry> upstream = new ArrayList<>(List.of(prepare, train));
    List<ArtifactEntry> inputs = new ArrayList<>(List.of(raw, features));
    List<ArtifactEntry> metrics = new ArrayList<>(List.of(validation, test));
    if (shuffled) {
      Collections.reverse(contexts);
      Collections.reverse(edges);
      edges.add(edges.get(0));
      Collections.reverse(upstream);
      Collections.reverse(inputs);
      Collections.reverse(metrics);
    }
    return new AuditReport(
        "ws-audit",
        model,
        upstream,
        inputs,
        metrics,
        List.of(deploy),
        List.of(evaluate),
        contexts,
        edges,
        false,
        shuffled ? List.of("ws-data", "ws-audit") : List.of("ws-audit", "ws-data"),
        List.of("execution:12"));
  }
}
