package io.mlmeta.it.benchmark;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.mlmeta.graph.memory.InMemoryLineageGraph;
import io.mlmeta.graph.model.ChangeSet;
import io.mlmeta.graph.model.Edge;
import io.mlmeta.graph.model.Node;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.proto.v1.Artifact;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.ExecutionState;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.RecordExecutionsRequest;
import io.mlmeta.proto.v1.RecordExecutionsResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A synthetic lineage graph shaped like an ML platform, written to the server through
 * RecordExecutions batches and mirrored into an in-process {@link InMemoryLineageGraph} with the
 * server's ids, so every engine is asked about the same graph.
 *
 * <pre>
 * import -> raw dataset -> preprocess -> derived -> ... (chains of {@value #CHAIN_DEPTH} steps)
 * datasets (1-3, a share of them hubs) -> train -> model -> evaluate (+ a test dataset) -> metrics
 *                                                       \-> deploy (a share of the models)
 * </pre>
 *
 * <p>Generation is seeded, so two runs build the same graph (ids aside).
 */
final class SyntheticLineage {

  static final int RAW_DATASETS = 300;
  static final int HUB_DATASETS = 4;
  static final int CHAINS = 600;
  static final int CHAIN_DEPTH = 10;
  // Share of training runs whose first input is a hub dataset, and of models that get deployed.
  static final double HUB_SHARE = 0.4;
  static final double DEPLOY_SHARE = 0.2;
  // Share of preprocessing steps that join a second raw dataset into the chain.
  static final double JOIN_SHARE = 0.2;
  static final int BATCH_SIZE = 500;

  /** What one phase of the load wrote and how long the server took to accept it. */
  record Phase(String name, int executions, long nodes, long edges, long nanos) {}

  /** The nodes the query shapes start from, chosen while generating. */
  record Landmarks(
      long hubDataset,
      long chainRoot,
      long shallowModel,
      long deepModel,
      long deepDeployment,
      int hubReaders) {}

  private final Random random = new Random(20_240_903L);
  private final MetadataServiceGrpc.MetadataServiceBlockingStub metadata;
  private final InMemoryLineageGraph memory = new InMemoryLineageGraph();
  private final String workspace;
  private final int trainingRuns;
  private final List<Phase> phases = new ArrayList<>();
  private final Map<String, Long> nodesByType = new TreeMap<>();
  private long workspaceId;
  private long finalPosition;
  private long nodes;
  private long edges;

  SyntheticLineage(ManagedChannel channel, String workspace, int trainingRuns) {
    this.metadata = MetadataServiceGrpc.newBlockingStub(channel);
    this.workspace = workspace;
    this.trainingRuns = trainingRuns;
  }

  /** Writes the whole graph and returns the nodes the benchmark's queries start from. */
  Landmarks load() {
    workspaceId =
        stub()
            .createWorkspace(
                CreateWorkspaceRequest.newBuilder()
                    .setName(workspace)
                    .setDescription("lineage benchmark")
                    .build())
            .getId();

    List<Long> raw =
        outputsOf(
            write(
                "import raw datasets",
                RAW_DATASETS,
                i ->
                    execution("Execution", "import-" + i)
                        .addOutputs(newArtifact("Dataset", "raw-" + i, "s3://lake/raw/" + i))));
    List<Long> hubs = raw.subList(0, HUB_DATASETS);
    List<Long> plainRaw = raw.subList(HUB_DATASETS, raw.size());

    // Chains grow one level per phase: each step reads the dataset the previous level wrote.
    List<Long> chainRoots = new ArrayList<>();
    for (int c = 0; c < CHAINS; c++) {
      chainRoots.add(plainRaw.get(c % plainRaw.size()));
    }
    List<Long> level = chainRoots;
    List<Long> pool = new ArrayList<>(plainRaw);
    Map<Long, Integer> depthOf = new HashMap<>();
    plainRaw.forEach(id -> depthOf.put(id, 0));
    for (int depth = 1; depth <= CHAIN_DEPTH; depth++) {
      List<Long> previous = level;
      int step = depth;
      level =
          outputsOf(
              write(
                  "preprocess level " + depth,
                  CHAINS,
                  c -> {
                    RecordExecutionRequest.Builder request =
                        execution("Execution", "preprocess-" + c + "-" + step)
                            .addInputs(existing(previous.get(c)))
                            .addOutputs(
                                newArtifact(
                                    "Dataset",
                                    "chain-" + c + "-step-" + step,
                                    "s3://lake/derived/" + c + "/" + step));
                    if (random.nextDouble() < JOIN_SHARE) {
                      long joined = pick(plainRaw);
                      if (joined != previous.get(c)) {
                        request.addInputs(existing(joined));
                      }
                    }
                    return request;
                  }));
      for (long id : level) {
        depthOf.put(id, depth);
      }
      pool.addAll(level);
    }
    List<Long> deepest = level;

    // Training: the first input is a hub for HUB_SHARE of the runs; a few runs read the deepest
    // datasets so a 10-hop upstream walk from their model stays inside a chain.
    int[] hubReaders = new int[HUB_DATASETS];
    int[] inputDepth = new int[trainingRuns];
    List<RecordExecutionResponse> trains =
        write(
            "train",
            trainingRuns,
            t -> {
              Set<Long> inputs = new LinkedHashSet<>();
              if (t % 1000 == 7) {
                inputs.add(deepest.get(t / 1000 % deepest.size()));
              } else if (random.nextDouble() < HUB_SHARE) {
                int hub = random.nextInt(HUB_DATASETS);
                hubReaders[hub]++;
                inputs.add(hubs.get(hub));
              } else {
                inputs.add(pick(pool));
              }
              int extra = random.nextInt(3);
              for (int i = 0; i < extra; i++) {
                inputs.add(pick(pool));
              }
              inputDepth[t] =
                  inputs.stream().mapToInt(id -> depthOf.getOrDefault(id, 0)).max().orElse(0);
              RecordExecutionRequest.Builder request =
                  execution("Train", "train-" + t)
                      .addOutputs(newArtifact("Model", "model-" + t, "s3://models/" + t));
              inputs.forEach(id -> request.addInputs(existing(id)));
              return request;
            });
    List<Long> models = outputsOf(trains);

    write(
        "evaluate",
        models.size(),
        m ->
            execution("Evaluate", "evaluate-" + m)
                .addInputs(existing(models.get(m)))
                .addInputs(existing(pick(plainRaw)))
                .addOutputs(newArtifact("Metrics", "metrics-" + m, "s3://metrics/" + m)));

    int deployEvery = (int) Math.round(1 / DEPLOY_SHARE);
    List<Integer> deployedModels = new ArrayList<>();
    for (int m = 0; m < models.size(); m += deployEvery) {
      deployedModels.add(m);
    }
    // The deep training runs (t % 1000 == 7) are deployed too, for the long path query.
    deployedModels.add(7);
    List<RecordExecutionResponse> deploys =
        write(
            "deploy",
            deployedModels.size(),
            d ->
                execution("Deploy", "deploy-" + deployedModels.get(d))
                    .addInputs(existing(models.get(deployedModels.get(d)))));

    int busiestHub = 0;
    for (int h = 1; h < HUB_DATASETS; h++) {
      busiestHub = hubReaders[h] > hubReaders[busiestHub] ? h : busiestHub;
    }
    int shallow = 0;
    while (inputDepth[shallow] < 3 || inputDepth[shallow] > 5) {
      shallow++;
    }
    return new Landmarks(
        hubs.get(busiestHub),
        chainRoots.get(0),
        models.get(shallow),
        models.get(7),
        deploys.get(deploys.size() - 1).getExecution().getId(),
        hubReaders[busiestHub]);
  }

  InMemoryLineageGraph memory() {
    return memory;
  }

  long workspaceId() {
    return workspaceId;
  }

  /** The highest lineage position the load's writes returned. */
  long finalPosition() {
    return finalPosition;
  }

  long nodes() {
    return nodes;
  }

  long edges() {
    return edges;
  }

  List<Phase> phases() {
    return phases;
  }

  Map<String, Long> nodesByType() {
    return nodesByType;
  }

  private List<RecordExecutionResponse> write(
      String phase, int count, IntFunction<RecordExecutionRequest.Builder> item) {
    List<RecordExecutionResponse> results = new ArrayList<>(count);
    long nodesBefore = nodes;
    long edgesBefore = edges;
    long nanos = 0;
    for (int from = 0; from < count; from += BATCH_SIZE) {
      RecordExecutionsRequest.Builder batch = RecordExecutionsRequest.newBuilder();
      for (int i = from; i < Math.min(count, from + BATCH_SIZE); i++) {
        batch.addExecutions(item.apply(i).setWorkspace(workspace));
      }
      RecordExecutionsRequest request = batch.build();
      long start = System.nanoTime();
      RecordExecutionsResponse response = stub().recordExecutions(request);
      nanos += System.nanoTime() - start;
      mirrorInMemory(response.getResultsList());
      results.addAll(response.getResultsList());
    }
    phases.add(new Phase(phase, count, nodes - nodesBefore, edges - edgesBefore, nanos));
    return results;
  }

  /** Applies what the server recorded to the in-memory engine, with the server's ids. */
  private void mirrorInMemory(List<RecordExecutionResponse> results) {
    ChangeSet.Builder changes = ChangeSet.builder();
    List<Edge> newEdges = new ArrayList<>();
    Instant now = Instant.now();
    for (RecordExecutionResponse result : results) {
      finalPosition = Math.max(finalPosition, result.getLineagePosition());
      NodeKey execution = NodeKey.execution(result.getExecution().getId());
      changes.upsert(
          new Node(
              execution,
              workspaceId,
              result.getExecution().getType(),
              result.getExecution().getState().name(),
              result.getExecution().getName(),
              null,
              now));
      count(result.getExecution().getType());
      for (Artifact input : result.getInputsList()) {
        newEdges.add(Edge.input(NodeKey.artifact(input.getId()), execution, now));
      }
      for (Artifact output : result.getOutputsList()) {
        changes.upsert(
            new Node(
                NodeKey.artifact(output.getId()),
                workspaceId,
                output.getType(),
                output.getState().name(),
                output.getName(),
                output.getUri(),
                now));
        count(output.getType());
        newEdges.add(Edge.output(execution, NodeKey.artifact(output.getId()), now));
      }
    }
    edges += newEdges.size();
    memory.apply(changes.upsertEdges(newEdges).build());
  }

  private void count(String type) {
    nodes++;
    nodesByType.merge(type, 1L, Long::sum);
  }

  private MetadataServiceGrpc.MetadataServiceBlockingStub stub() {
    return metadata.withDeadlineAfter(5, TimeUnit.MINUTES);
  }

  private long pick(List<Long> ids) {
    return ids.get(random.nextInt(ids.size()));
  }

  private static List<Long> outputsOf(List<RecordExecutionResponse> results) {
    return results.stream().map(result -> result.getOutputs(0).getId()).toList();
  }

  private static RecordExecutionRequest.Builder execution(String type, String name) {
    return RecordExecutionRequest.newBuilder()
        .setExecution(
            ExecutionSpec.newBuilder()
                .setType(type)
                .setName(name)
                .setState(ExecutionState.COMPLETE));
  }

  private static ArtifactLink existing(long artifactId) {
    return ArtifactLink.newBuilder().setArtifactId(artifactId).build();
  }

  private static ArtifactLink newArtifact(String type, String name, String uri) {
    Struct properties =
        Struct.newBuilder()
            .putFields("name", Value.newBuilder().setStringValue(name).build())
            .putFields("uri", Value.newBuilder().setStringValue(uri).build())
            .build();
    return ArtifactLink.newBuilder()
        .setNewArtifact(ArtifactSpec.newBuilder().setType(type).setProperties(properties))
        .build();
  }
}
