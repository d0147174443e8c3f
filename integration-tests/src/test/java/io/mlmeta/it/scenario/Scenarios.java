package io.mlmeta.it.scenario;

import static io.mlmeta.it.scenario.Platform.struct;

import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.proto.v1.ContextLink;
import io.mlmeta.proto.v1.ContextSpec;
import io.mlmeta.proto.v1.CreateContextRequest;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.ExecutionState;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.UpdateContextRequest;
import io.mlmeta.proto.v1.UpdateExecutionRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's flows as its components record them: a TFJob training, a Katib tuning experiment
 * and a KServe inference service with a canary. Each method returns the ids a test checks.
 */
final class Scenarios {

  static final double LEARNING_RATE = 0.04;
  static final int BATCH_SIZE = 256;
  static final int TRIALS = 12;
  static final List<Integer> FAILING_TRIALS = List.of(4, 9);

  private Scenarios() {}

  /** Ids of the distributed training run. */
  record Training(
      long dataset, long execution, long model, long metrics, long run, long position) {}

  /**
   * TFJob-like: mnist_training with 2 workers records Train in a Run: dataset in, model and metrics
   * out.
   */
  static Training training(Platform platform, String ws) {
    RecordExecutionResponse started =
        platform
            .metadata()
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(
                        ExecutionSpec.newBuilder()
                            .setType("Train")
                            .setName("mnist_training")
                            .setExternalId("tfjob/mnist_training")
                            .setState(ExecutionState.RUNNING)
                            .putLabels("kubeflow.org/job", "mnist_training")
                            .setProperties(
                                struct(
                                    Map.of(
                                        "job_name",
                                        "mnist_training",
                                        "framework",
                                        "tensorflow",
                                        "workers",
                                        2,
                                        "hyperparameters",
                                        Map.of(
                                            "learning_rate", LEARNING_RATE,
                                            "batch_size", BATCH_SIZE)))))
                    .addInputs(
                        ArtifactLink.newBuilder()
                            .setReuseIfExists(true)
                            .setNewArtifact(
                                ArtifactSpec.newBuilder()
                                    .setType("Dataset")
                                    .setDigest("sha256:5ab3c1e0")
                                    .setProperties(
                                        struct(
                                            Map.of(
                                                "uri", "gs://kubeflow-examples/mnist",
                                                "name", "mnist",
                                                "version", "v1",
                                                "owner", "data-team@example.org")))))
                    .addOutputs(
                        newArtifact(
                            "Model",
                            Map.of(
                                "uri", "gs://models/mnist/1",
                                "name", "mnist",
                                "version", "1",
                                "owner", "ml-team@example.org",
                                "model_type", "neural network",
                                "training_framework",
                                    Map.of("name", "tensorflow", "version", "2.15"),
                                "hyperparameters",
                                    Map.of(
                                        "learning_rate", LEARNING_RATE, "batch_size", BATCH_SIZE))))
                    .addContexts(
                        ContextLink.newBuilder()
                            .setContextSpec(
                                ContextSpec.newBuilder()
                                    .setType("Run")
                                    .setName("mnist-training-run")))
                    .build());
    long dataset = started.getInputs(0).getId();
    long model = started.getOutputs(0).getId();
    long execution = started.getExecution().getId();
    RecordExecutionResponse evaluated =
        platform
            .metadata()
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecutionId(execution)
                    .addOutputs(
                        newArtifact(
                            "Metrics",
                            Map.of(
                                "uri",
                                "gs://models/mnist/1/metrics.json",
                                "name",
                                "mnist-training-metrics",
                                "model_id",
                                model,
                                "data_set_id",
                                dataset,
                                "metrics_type",
                                "training",
                                "values",
                                Map.of("accuracy", 0.981, "loss", 0.062))))
                    .addContexts(
                        ContextLink.newBuilder().setContextId(started.getContexts(0).getId()))
                    .build());
    platform
        .metadata()
        .updateExecution(
            UpdateExecutionRequest.newBuilder()
                .setId(execution)
                .setState(ExecutionState.COMPLETE)
                .build());
    return new Training(
        dataset,
        execution,
        model,
        evaluated.getOutputs(0).getId(),
        started.getContexts(0).getId(),
        evaluated.getLineagePosition());
  }

  /** Ids of the tuning experiment: every trial, the models and metrics of the successful ones. */
  record Tuning(
      long experiment,
      List<Long> trials,
      Map<Long, Long> modelOfTrial,
      Map<Long, Double> accuracyOfTrial,
      long bestTrial,
      long position) {}

  /**
   * Katib-like: Experiment tfjob-example maximising accuracy_1 to 0.99 with bayesian optimisation;
   * twelve Tune trials, two of which fail. {@code halfway} runs after the sixth trial.
   */
  static Tuning tuning(Platform platform, String ws, long dataset, Runnable halfway) {
    long experiment =
        platform
            .metadata()
            .createContext(
                CreateContextRequest.newBuilder()
                    .setWorkspace(ws)
                    .setReuseIfExists(true)
                    .setContext(
                        ContextSpec.newBuilder()
                            .setType("Experiment")
                            .setName("tfjob-example")
                            .setProperties(
                                struct(
                                    Map.of(
                                        "objective",
                                        Map.of(
                                            "type", "maximize",
                                            "goal", 0.99,
                                            "metric_name", "accuracy_1"),
                                        "algorithm",
                                        "bayesianoptimization",
                                        "max_trial_count",
                                        TRIALS,
                                        "parallel_trial_count",
                                        3,
                                        "max_failed_trial_count",
                                        3,
                                        "search_space",
                                        Map.of(
                                            "learning_rate", Map.of("min", 0.01, "max", 0.05),
                                            "batch_size", Map.of("min", 100, "max", 200))))))
                    .build())
            .getId();
    List<Long> trials = new ArrayList<>();
    Map<Long, Long> models = new LinkedHashMap<>();
    Map<Long, Double> accuracies = new LinkedHashMap<>();
    long position = 0;
    for (int i = 0; i < TRIALS; i++) {
      double learningRate = 0.01 + 0.04 * ((i * 7) % TRIALS) / (TRIALS - 1.0);
      int batchSize = 100 + (i * 37) % 101;
      String name = "tfjob-example-trial-" + i;
      boolean fails = FAILING_TRIALS.contains(i);
      RecordExecutionRequest.Builder trial =
          RecordExecutionRequest.newBuilder()
              .setWorkspace(ws)
              .setExecution(
                  ExecutionSpec.newBuilder()
                      .setType("Tune")
                      .setName(name)
                      .setExternalId("katib/" + name)
                      .setState(fails ? ExecutionState.FAILED : ExecutionState.COMPLETE)
                      .setErrorMessage(fails ? "trial " + name + " failed: OOMKilled" : "")
                      .setProperties(
                          struct(
                              Map.of(
                                  "trial_name",
                                  name,
                                  "objective_metric",
                                  "accuracy_1",
                                  "parameters",
                                  Map.of("learning_rate", learningRate, "batch_size", batchSize)))))
              .addInputs(ArtifactLink.newBuilder().setArtifactId(dataset))
              .addContexts(ContextLink.newBuilder().setContextId(experiment))
              .addContexts(
                  ContextLink.newBuilder()
                      .setContextSpec(
                          ContextSpec.newBuilder()
                              .setType("Run")
                              .setName(name)
                              .addParentContextIds(experiment)));
      double accuracy = 0.90 + 0.085 * Math.sin(i * 1.3 + 0.5) * Math.sin(i * 1.3 + 0.5);
      if (!fails) {
        trial.addOutputs(
            newArtifact(
                "Model",
                Map.of(
                    "uri",
                    "gs://katib/tfjob-example/" + name + "/model",
                    "name",
                    "mnist",
                    "version",
                    "trial-" + i,
                    "training_framework",
                    Map.of("name", "tensorflow", "version", "2.15"),
                    "hyperparameters",
                    Map.of("learning_rate", learningRate, "batch_size", batchSize))));
      }
      RecordExecutionResponse recorded = platform.metadata().recordExecution(trial.build());
      long trialId = recorded.getExecution().getId();
      trials.add(trialId);
      position = recorded.getLineagePosition();
      if (!fails) {
        long model = recorded.getOutputs(0).getId();
        RecordExecutionResponse metrics =
            platform
                .metadata()
                .recordExecution(
                    RecordExecutionRequest.newBuilder()
                        .setWorkspace(ws)
                        .setExecutionId(trialId)
                        .addOutputs(
                            newArtifact(
                                "Metrics",
                                Map.of(
                                    "uri",
                                    "gs://katib/tfjob-example/" + name + "/metrics",
                                    "name",
                                    name + "-metrics",
                                    "model_id",
                                    model,
                                    "data_set_id",
                                    dataset,
                                    "metrics_type",
                                    "validation",
                                    "values",
                                    Map.of("accuracy_1", accuracy))))
                        .addContexts(ContextLink.newBuilder().setContextId(experiment))
                        .build());
        models.put(trialId, model);
        accuracies.put(trialId, accuracy);
        position = metrics.getLineagePosition();
      }
      if (i == TRIALS / 2 - 1) {
        halfway.run();
      }
    }
    long best =
        accuracies.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    platform
        .metadata()
        .updateContext(
            UpdateContextRequest.newBuilder()
                .setId(experiment)
                .setPropertiesPatch(
                    struct(
                        Map.of(
                            "outcome",
                            Map.of(
                                "best_trial_execution_id",
                                best,
                                "accuracy_1",
                                accuracies.get(best),
                                "succeeded",
                                TRIALS - FAILING_TRIALS.size(),
                                "failed",
                                FAILING_TRIALS.size(),
                                "goal_reached",
                                accuracies.get(best) >= 0.99))))
                .build());
    return new Tuning(experiment, trials, models, accuracies, best, position);
  }

  /** Ids of the inference service's deployments. */
  record Serving(long stable, long canary, long stableModel, long canaryModel, long position) {}

  /** KServe-like: InferenceService model-test serves the best model, then a canary takes 10%. */
  static Serving serving(Platform platform, String ws, long bestModel, long secondModel) {
    RecordExecutionResponse stable =
        platform.metadata().recordExecution(deploy(ws, "model-test-00001", bestModel, 100, false));
    RecordExecutionResponse canary =
        platform.metadata().recordExecution(deploy(ws, "model-test-00002", secondModel, 10, true));
    platform
        .metadata()
        .updateExecution(
            UpdateExecutionRequest.newBuilder()
                .setId(stable.getExecution().getId())
                .setPropertiesPatch(struct(Map.of("traffic_percent", 90)))
                .build());
    return new Serving(
        stable.getExecution().getId(),
        canary.getExecution().getId(),
        bestModel,
        secondModel,
        canary.getLineagePosition());
  }

  private static RecordExecutionRequest deploy(
      String ws, String revision, long model, int traffic, boolean canary) {
    return RecordExecutionRequest.newBuilder()
        .setWorkspace(ws)
        .setExecution(
            ExecutionSpec.newBuilder()
                .setType("Deploy")
                .setName(revision)
                .setExternalId("kserve/" + revision)
                .setState(ExecutionState.RUNNING)
                .setProperties(
                    struct(
                        Map.of(
                            "inference_service",
                            "model-test",
                            "endpoint",
                            "http://model-test.kubeflow.example.com/v1/models/model-test:predict",
                            "traffic_percent",
                            traffic,
                            "canary",
                            canary))))
        .addInputs(ArtifactLink.newBuilder().setArtifactId(model))
        .build();
  }

  static ArtifactLink newArtifact(String type, Map<String, ?> properties) {
    return ArtifactLink.newBuilder()
        .setNewArtifact(ArtifactSpec.newBuilder().setType(type).setProperties(struct(properties)))
        .build();
  }
}
