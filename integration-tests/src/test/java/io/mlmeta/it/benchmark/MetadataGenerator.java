package io.mlmeta.it.benchmark;

import io.mlmeta.sdk.ExecutionRecord;
import io.mlmeta.sdk.RecordedExecution;
import io.mlmeta.sdk.Run;
import io.mlmeta.sdk.model.Artifact;
import io.mlmeta.sdk.model.DataSet;
import io.mlmeta.sdk.model.Metrics;
import io.mlmeta.sdk.model.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Realistic ML-platform metadata from a seeded {@link Random}, written phase by phase (each phase
 * reads only what earlier phases wrote, so a phase can be spread over concurrent clients): raw
 * datasets from ingest jobs; preprocessing chains {@value #CHAIN_DEPTH} steps deep with joins and
 * splits; a few "gold" datasets curated from chain ends and read by a large share of training and
 * tuning; training runs with hyperparameters and tuning trials (Katib-like) writing models;
 * fine-tuning of earlier models over two generations; evaluations writing metrics; deployments
 * reading models. Everything uses the built-in types, so property validation runs.
 */
final class MetadataGenerator {

  static final int CHAIN_DEPTH = 12;
  private static final int GOLD = 4;
  // Gold dataset g is picked with weight GOLD_WEIGHTS[g]: one is clearly the most read.
  private static final int[] GOLD_WEIGHTS = {8, 4, 2, 1};
  private static final double GOLD_SHARE = 0.45;
  private static final double JOIN_SHARE = 0.2;
  private static final double SPLIT_SHARE = 0.1;
  private static final double EVALUATED_SHARE = 0.8;
  private static final double DEPLOYED_SHARE = 0.1;
  private static final String[] OPTIMIZERS = {"adam", "sgd", "adamw", "rmsprop"};
  private static final String[] FRAMEWORKS = {"pytorch", "tensorflow", "xgboost", "sklearn"};

  /** Writes one phase's records and returns what was stored, in the records' order. */
  interface Writer {
    List<RecordedExecution> write(String phase, List<ExecutionRecord> records);
  }

  /** Start nodes chosen so that walks from them are meaningful. */
  record Landmarks(
      long mostReadGold,
      int mostReadGoldReaders,
      int trainingAndTuning,
      List<String> upstreamStarts,
      List<String> downstreamStarts,
      int deployments) {}

  private final Random random;
  private final int raw;
  private final int chains;
  private final int producers;
  private final List<Run> runs;

  MetadataGenerator(long seed, int nodes, List<Run> runs) {
    this.random = new Random(seed);
    this.runs = runs;
    this.raw = Math.max(20, nodes / 50);
    this.chains = Math.max(8, (int) (nodes * 0.15 / (2 * CHAIN_DEPTH)));
    int rest = nodes - 2 * raw - (int) (2 * CHAIN_DEPTH * chains * (1 + SPLIT_SHARE)) - 2 * GOLD;
    // Per model-producing execution: itself, its model, most of an evaluation and its metrics,
    // and now and then a deployment.
    this.producers = Math.max(50, (int) (rest / (2 + 2 * EVALUATED_SHARE + DEPLOYED_SHARE)));
  }

  /** How many Run contexts the load spreads its executions over. */
  static int runsFor(int nodes) {
    return Math.max(10, Math.min(400, nodes / 100));
  }

  Landmarks load(Writer writer) {
    List<Artifact> rawSets =
        outputs(
            writer.write(
                "ingest raw datasets",
                records(
                    raw,
                    i ->
                        record("ingest-" + i, "Execution")
                            .output(dataset("raw-" + i, "s3://lake/raw/" + i, "raw")))));

    List<Artifact> pool = new ArrayList<>(rawSets);
    List<Artifact> level = new ArrayList<>();
    for (int c = 0; c < chains; c++) {
      level.add(rawSets.get(c % rawSets.size()));
    }
    List<Artifact> levelOne = null;
    for (int depth = 1; depth <= CHAIN_DEPTH; depth++) {
      List<Artifact> previous = level;
      int step = depth;
      List<RecordedExecution> stored =
          writer.write(
              "preprocess step " + depth,
              records(
                  chains,
                  c -> {
                    ExecutionRecord.Builder r =
                        record("preprocess-" + c + "-" + step, "Execution")
                            .input(previous.get(c))
                            .output(
                                dataset(
                                    "chain-" + c + "-step-" + step,
                                    "s3://lake/derived/" + c + "/" + step,
                                    "derived"));
                    if (random.nextDouble() < JOIN_SHARE) {
                      Artifact joined = pick(rawSets);
                      if (joined.id() != previous.get(c).id()) {
                        r.input(joined);
                      }
                    }
                    if (random.nextDouble() < SPLIT_SHARE) {
                      r.output(
                          dataset(
                              "chain-" + c + "-step-" + step + "-holdout",
                              "s3://lake/derived/" + c + "/" + step + "/holdout",
                              "derived"));
                    }
                    return r;
                  }));
      level = new ArrayList<>();
      for (RecordedExecution e : stored) {
        level.add(e.outputs().get(0));
        pool.addAll(e.outputs());
      }
      if (depth == 1) {
        levelOne = level;
      }
    }
    List<Artifact> chainEnds = level;

    List<Artifact> gold =
        outputs(
            writer.write(
                "curate gold datasets",
                records(
                    GOLD,
                    g ->
                        record("curate-gold-" + g, "Execution")
                            .input(chainEnds.get(g % chainEnds.size()))
                            .input(chainEnds.get((g + GOLD) % chainEnds.size()))
                            .output(dataset("gold-" + g, "s3://lake/gold/" + g, "gold")))));

    int[] goldReaders = new int[GOLD];
    int trainCount = producers / 2;
    int tuneCount = producers * 3 / 10;
    List<ExecutionRecord> firstGeneration = new ArrayList<>();
    for (int t = 0; t < trainCount + tuneCount; t++) {
      boolean tuning = t >= trainCount;
      ExecutionRecord.Builder r =
          tuning ? tuneTrial(t - trainCount) : training("train-" + t, "gen0-" + t);
      inputs(r, pool, gold, goldReaders, 1 + random.nextInt(3));
      firstGeneration.add(r.build());
    }
    List<Artifact> models =
        new ArrayList<>(outputs(writer.write("train and tune", firstGeneration)));

    List<Artifact> lastGeneration = models;
    List<Artifact> deepModels = new ArrayList<>();
    double[] generationShare = {0.12, 0.08};
    for (int generation = 1; generation <= generationShare.length; generation++) {
      List<Artifact> bases = lastGeneration;
      int gen = generation;
      List<Artifact> tuned =
          outputs(
              writer.write(
                  "fine-tune generation " + generation,
                  records(
                      (int) (producers * generationShare[generation - 1]),
                      f -> {
                        ExecutionRecord.Builder r =
                            training("finetune-" + gen + "-" + f, "gen" + gen + "-" + f)
                                .input(pick(bases));
                        inputs(r, pool, gold, goldReaders, random.nextInt(3));
                        return r;
                      })));
      models.addAll(tuned);
      lastGeneration = tuned;
      deepModels = tuned;
    }

    List<Artifact> evaluated = sample(models, EVALUATED_SHARE);
    writer.write(
        "evaluate",
        records(
            evaluated.size(),
            e -> {
              Artifact model = evaluated.get(e);
              Artifact testSet = random.nextDouble() < 0.3 ? gold.get(0) : pick(pool);
              return record("evaluate-" + e, "Evaluate")
                  .properties(Map.of("metrics_type", "validation"))
                  .input(model, testSet)
                  .output(
                      Metrics.builder()
                          .uri("s3://metrics/" + e)
                          .name("metrics-" + e)
                          .modelId(model.id())
                          .dataSetId(testSet.id())
                          .metricsType(Metrics.Type.VALIDATION)
                          .values(
                              Map.of(
                                  "accuracy", 0.5 + random.nextDouble() / 2,
                                  "auc", 0.5 + random.nextDouble() / 2,
                                  "loss", random.nextDouble()))
                          .build());
            }));

    // Deep models are deployed more often than the rest, as the promoted ones would be.
    List<Artifact> deployed = new ArrayList<>(sample(deepModels, 0.3));
    deployed.addAll(
        sample(models, Math.max(0, DEPLOYED_SHARE - 0.3 * deepModels.size() / models.size())));
    List<RecordedExecution> deployments =
        writer.write(
            "deploy",
            records(
                deployed.size(),
                d ->
                    record("deploy-" + d, "Deploy")
                        .properties(
                            Map.of(
                                "inference_service",
                                "svc-" + (d % 50),
                                "endpoint",
                                "https://serve.example/svc-" + (d % 50),
                                "traffic_percent",
                                random.nextBoolean() ? 100 : 10,
                                "canary",
                                random.nextInt(10) == 0))
                        .input(deployed.get(d))));

    int mostRead = 0;
    for (int g = 1; g < GOLD; g++) {
      mostRead = goldReaders[g] > goldReaders[mostRead] ? g : mostRead;
    }
    List<String> upstream = new ArrayList<>();
    for (int i = 0; i < 10 && !deepModels.isEmpty(); i++) {
      upstream.add("artifact:" + deepModels.get(i * deepModels.size() / 10).id());
    }
    for (int i = 0; i < 10 && !deployments.isEmpty(); i++) {
      upstream.add("execution:" + deployments.get(i * deployments.size() / 10).execution().id());
    }
    List<String> downstream = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      downstream.add("artifact:" + levelOne.get(i * levelOne.size() / 10).id());
      downstream.add("artifact:" + models.get(i * trainCount / 10).id());
    }
    return new Landmarks(
        gold.get(mostRead).id(),
        goldReaders[mostRead],
        trainCount + tuneCount,
        upstream,
        downstream,
        deployments.size());
  }

  /** One execution of the time-bounded ingest: a training run over 1-3 pool datasets. */
  ExecutionRecord extra(String prefix, int i, List<Artifact> datasets) {
    ExecutionRecord.Builder r = training(prefix + "-train-" + i, prefix + "-" + i);
    int inputs = 1 + random.nextInt(3);
    Set<Artifact> chosen = new LinkedHashSet<>();
    for (int k = 0; k < inputs; k++) {
      chosen.add(pick(datasets));
    }
    chosen.forEach(r::input);
    return r.build();
  }

  /** A new dataset for the time-bounded ingest's pool. */
  static DataSet dataset(String name, String uri, String tier) {
    return DataSet.builder()
        .name(name)
        .uri(uri)
        .version("v1")
        .owner("team-" + Math.floorMod(name.hashCode(), 7))
        .labels(Map.of("tier", tier))
        .build();
  }

  /** A new model with hyperparameters, as a training run writes it. */
  Model model(String suffix) {
    return Model.builder()
        .name("model-" + suffix)
        .uri("s3://models/" + suffix)
        .version("1")
        .modelType("neural network")
        .trainingFramework(FRAMEWORKS[random.nextInt(FRAMEWORKS.length)], "2.3")
        .hyperparameters(hyperparameters())
        .build();
  }

  Run run() {
    return runs.get(random.nextInt(runs.size()));
  }

  private ExecutionRecord.Builder training(String name, String modelSuffix) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("job_name", name);
    properties.put("framework", FRAMEWORKS[random.nextInt(FRAMEWORKS.length)]);
    properties.put("workers", 1 + random.nextInt(8));
    properties.put("hyperparameters", hyperparameters());
    return record(name, "Train").properties(properties).output(model(modelSuffix));
  }

  private ExecutionRecord.Builder tuneTrial(int t) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("learning_rate", round(Math.pow(10, -1 - 3 * random.nextDouble())));
    parameters.put("dropout", round(random.nextDouble() / 2));
    parameters.put("layers", 2 + random.nextInt(6));
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("trial_name", "experiment-" + t / 20 + "-trial-" + t % 20);
    properties.put("parameters", parameters);
    properties.put("objective_metric", "accuracy");
    properties.put("objective_value", round(0.5 + random.nextDouble() / 2));
    return record("tune-" + t, "Tune").properties(properties).output(model("trial-" + t));
  }

  private Map<String, Object> hyperparameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("learning_rate", round(Math.pow(10, -1 - 3 * random.nextDouble())));
    h.put("batch_size", 16 << random.nextInt(5));
    h.put("epochs", 1 + random.nextInt(50));
    h.put("optimizer", OPTIMIZERS[random.nextInt(OPTIMIZERS.length)]);
    return h;
  }

  /** Adds the inputs of a training or tuning run: maybe a gold dataset, then pool datasets. */
  private void inputs(
      ExecutionRecord.Builder r,
      List<Artifact> pool,
      List<Artifact> gold,
      int[] goldReaders,
      int count) {
    Set<Long> seen = new LinkedHashSet<>();
    if (random.nextDouble() < GOLD_SHARE) {
      int g = weightedGold();
      goldReaders[g]++;
      r.input(gold.get(g));
      seen.add(gold.get(g).id());
      count--;
    }
    for (int k = 0; k < count; k++) {
      Artifact a = pick(pool);
      if (seen.add(a.id())) {
        r.input(a);
      }
    }
  }

  private int weightedGold() {
    int total = 0;
    for (int w : GOLD_WEIGHTS) {
      total += w;
    }
    int x = random.nextInt(total);
    for (int g = 0; g < GOLD_WEIGHTS.length; g++) {
      x -= GOLD_WEIGHTS[g];
      if (x < 0) {
        return g;
      }
    }
    return 0;
  }

  private ExecutionRecord.Builder record(String name, String type) {
    return ExecutionRecord.builder(name).type(type).run(run());
  }

  private List<ExecutionRecord> records(int count, IntFunction<ExecutionRecord.Builder> item) {
    List<ExecutionRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(item.apply(i).build());
    }
    return records;
  }

  private <T> List<T> sample(List<T> from, double share) {
    List<T> chosen = new ArrayList<>();
    for (T item : from) {
      if (random.nextDouble() < share) {
        chosen.add(item);
      }
    }
    return chosen;
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static List<Artifact> outputs(List<RecordedExecution> stored) {
    return stored.stream().map(e -> e.outputs().get(0)).toList();
  }

  private static double round(double value) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.5f", value));
  }
}
