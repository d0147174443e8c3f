package io.mlmeta.it.benchmark;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.mlmeta.graph.memory.InMemoryLineageGraph;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.it.benchmark.QueryShape.Answer;
import io.mlmeta.it.benchmark.SyntheticLineage.Landmarks;
import io.mlmeta.it.benchmark.SyntheticLineage.Phase;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.proto.v1.CheckMirrorRequest;
import io.mlmeta.proto.v1.CheckMirrorResponse;
import io.mlmeta.proto.v1.GetArtifactRequest;
import io.mlmeta.proto.v1.GetMirrorStatusRequest;
import io.mlmeta.proto.v1.LineageAdminServiceGrpc;
import io.mlmeta.proto.v1.LineageServiceGrpc;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.proto.v1.MirrorStatus;
import io.mlmeta.proto.v1.ReadOptions;
import io.mlmeta.proto.v1.RebuildMirrorRequest;
import io.mlmeta.proto.v1.RebuildMirrorResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The lineage benchmark of issue #3: loads a synthetic ML-platform lineage graph of about 100k
 * nodes into the packaged server (embedded PostgreSQL + embedded Neo4j mirror), then times every
 * query shape on the engine the router picks, on each server engine forced, and on the in-process
 * memory engine as a reference, and prints the figures with ratios against the router's pick.
 *
 * <p>Not a test: it asserts no timings. It exits non-zero only when engines disagree on an answer
 * or an engine other than the requested one answered. Run it with {@code ./mvnw -Pbenchmark -pl
 * integration-tests verify}; {@code -Dbenchmark.trainingRuns} scales the graph (20,000 training
 * runs give about 100k nodes) and {@code -Dbenchmark.secondsPerShape} bounds the timed rounds.
 */
public final class LineageBenchmark {

  private static final int WARMUP_ROUNDS = 5;
  // Warm-up takes 1/WARMUP_SHARE of the time budget of a shape's timed rounds.
  private static final int WARMUP_SHARE = 5;
  private static final int MIN_ROUNDS = 10;
  private static final int FLOOR_CALLS = 500;
  private static final int MAX_ROUNDS = 1_000;
  // A server engine must beat the router's pick by this factor before the pick is called wrong.
  private static final double CLEAR_WIN = 1.2;

  /** The columns of the table: the router's own pick, each engine forced, and the reference. */
  enum Engine {
    ROUTER("router pick", ""),
    POSTGRES("postgres", "postgres"),
    NEO4J("neo4j", "neo4j"),
    MEMORY("memory*", null);

    final String label;
    final String requested;

    Engine(String label, String requested) {
      this.label = label;
      this.requested = requested;
    }
  }

  /** One shape's timings and what each engine answered. */
  private record Measurement(
      QueryShape shape,
      Map<Engine, Samples> samples,
      Answer reference,
      Set<String> routerPicks,
      List<String> problems) {}

  private LineageBenchmark() {}

  public static void main(String[] args) {
    long began = System.nanoTime();
    int trainingRuns = Integer.getInteger("benchmark.trainingRuns", 20_000);
    int secondsPerShape = Integer.getInteger("benchmark.secondsPerShape", 30);
    printEnvironment(trainingRuns, secondsPerShape);

    long startingServer = System.nanoTime();
    PackagedServer server = PackagedServer.shared();
    System.out.printf(
        Locale.ROOT,
        "Packaged server ready in %.1f s (data directory %s)%n%n",
        seconds(System.nanoTime() - startingServer),
        server.home());
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(server.grpcTarget())
            .usePlaintext()
            .maxInboundMessageSize(64 * 1024 * 1024)
            .build();
    List<String> problems = new ArrayList<>();
    try {
      problems.addAll(run(channel, trainingRuns, secondsPerShape));
    } finally {
      channel.shutdownNow();
    }
    System.out.printf(
        Locale.ROOT,
        "%nTotal benchmark runtime: %.0f s; load average at the end: %s%n",
        seconds(System.nanoTime() - began),
        loadAverage());
    if (!problems.isEmpty()) {
      System.out.println();
      System.out.println(
          "!!! ENGINES DISAGREE OR ANSWERED OUT OF TURN — figures above are suspect:");
      problems.forEach(problem -> System.out.println("!!!   " + problem));
      System.exit(1);
    }
    System.exit(0);
  }

  private static List<String> run(ManagedChannel channel, int trainingRuns, int secondsPerShape) {
    LineageAdminServiceGrpc.LineageAdminServiceBlockingStub admin =
        LineageAdminServiceGrpc.newBlockingStub(channel);
    SyntheticLineage graph =
        new SyntheticLineage(channel, "benchmark-" + UUID.randomUUID(), trainingRuns);

    long loadStart = System.nanoTime();
    Landmarks landmarks = graph.load();
    long loadEnd = System.nanoTime();
    MirrorStatus atLoadEnd = admin.getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance());
    if (!atLoadEnd.getConfigured()) {
      throw new IllegalStateException("the packaged server has no Neo4j mirror configured");
    }
    long mirrorDone = awaitMirror(admin, graph.finalPosition());
    printLoad(graph, landmarks, loadStart, loadEnd, atLoadEnd, mirrorDone);
    printMirrorCheck(admin, graph);

    LineageServiceGrpc.LineageServiceBlockingStub lineage =
        LineageServiceGrpc.newBlockingStub(channel);
    InMemoryLineageGraph memory = graph.memory();
    long ws = graph.workspaceId();
    List<QueryShape> shapes =
        List.of(
            QueryShape.upstream(
                "upstream 5 hops of a model", lineage, memory, ws, landmarks.shallowModel(), 5),
            QueryShape.upstream(
                "upstream 10 hops of a deep model", lineage, memory, ws, landmarks.deepModel(), 10),
            QueryShape.impact(
                "impact of a hub dataset (4 hops)", lineage, memory, ws, landmarks.hubDataset(), 4),
            QueryShape.paths(
                "paths raw dataset -> deployment",
                lineage,
                memory,
                ws,
                NodeKey.artifact(landmarks.chainRoot()),
                NodeKey.execution(landmarks.deepDeployment()),
                30,
                10),
            QueryShape.downstreamPage(
                "downstream of a hub, page 1 of 100",
                lineage,
                memory,
                ws,
                landmarks.hubDataset(),
                100));

    ReadOptions caughtUp = ReadOptions.newBuilder().setMinPosition(graph.finalPosition()).build();
    // Every shape on every engine a few times first, so the shape measured first does not also
    // pay for warming the shared paths (gRPC, JDBC, Bolt, JIT) the others then get for free.
    for (QueryShape shape : shapes) {
      for (int round = 0; round < WARMUP_ROUNDS; round++) {
        for (Engine engine : Engine.values()) {
          ask(shape, engine, caughtUp);
        }
      }
    }
    printRoundTripFloor(channel, landmarks.hubDataset());
    List<Measurement> measurements = new ArrayList<>();
    for (QueryShape shape : shapes) {
      Measurement measurement = measure(shape, caughtUp, secondsPerShape);
      measurements.add(measurement);
      System.out.printf(
          Locale.ROOT,
          "  measured %-36s %4d rounds%n",
          shape.name(),
          measurement.samples().get(Engine.ROUTER).size());
    }
    printTable(measurements);
    printVerdicts(measurements);
    // After the queries, so they ran on the mirror the projector built.
    printRebuild(admin);
    return measurements.stream().flatMap(m -> m.problems().stream()).toList();
  }

  /**
   * Warms every engine up, sizes the timed rounds to the time budget, then times rounds in which
   * each engine answers once, in a shuffled order so drift (GC, the projector's polling, other load
   * on the machine) and the previous call's after-effects spread over all engines alike. Every
   * answer is compared with the router's first one.
   */
  private static Measurement measure(QueryShape shape, ReadOptions read, int secondsPerShape) {
    Map<Engine, Samples> samples = new EnumMap<>(Engine.class);
    Map<Engine, Samples> warmup = new EnumMap<>(Engine.class);
    for (Engine engine : Engine.values()) {
      samples.put(engine, new Samples());
      warmup.put(engine, new Samples());
    }
    Set<String> routerPicks = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    Answer reference = ask(shape, Engine.ROUTER, read);
    // Warm up for a fixed share of the budget (at least a few rounds), so the server's JIT has
    // compiled the query path before anything is timed.
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(secondsPerShape) / WARMUP_SHARE;
    for (int round = 0;
        round < MAX_ROUNDS && (round < WARMUP_ROUNDS || System.nanoTime() < warmupEnd);
        round++) {
      for (Engine engine : Engine.values()) {
        Answer answer = ask(shape, engine, read);
        warmup.get(engine).add(answer.nanos());
        check(shape, engine, answer, reference, routerPicks, problems);
      }
    }
    double roundMillis =
        warmup.values().stream().mapToDouble(Samples::p50).sum() + Double.MIN_VALUE;
    int rounds =
        (int) Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, secondsPerShape * 1000 / roundMillis));
    List<Engine> order = new ArrayList<>(List.of(Engine.values()));
    Random shuffle = new Random(rounds);
    for (int round = 0; round < rounds; round++) {
      Collections.shuffle(order, shuffle);
      for (Engine engine : order) {
        Answer answer = ask(shape, engine, read);
        samples.get(engine).add(answer.nanos());
        check(shape, engine, answer, reference, routerPicks, problems);
      }
    }
    return new Measurement(shape, samples, reference, routerPicks, problems);
  }

  private static Answer ask(QueryShape shape, Engine engine, ReadOptions read) {
    if (engine == Engine.MEMORY) {
      return shape.memory().get();
    }
    return shape.server().apply(read.toBuilder().setEngine(engine.requested).build());
  }

  /** Records problems once per shape and engine, so a systematic mismatch is not repeated. */
  private static void check(
      QueryShape shape,
      Engine engine,
      Answer answer,
      Answer reference,
      Set<String> routerPicks,
      List<String> problems) {
    if (engine == Engine.ROUTER) {
      routerPicks.add(answer.engine() + " (" + answer.reason() + ")");
    }
    if (engine.requested != null
        && !engine.requested.isEmpty()
        && !engine.requested.equals(answer.engine())) {
      addOnce(
          problems,
          String.format(
              "%s: asked %s, answered by %s (%s)",
              shape.name(), engine.requested, answer.engine(), answer.reason()));
    }
    if (!answer.signature().equals(reference.signature())) {
      addOnce(
          problems,
          String.format(
              "%s: %s returned %d nodes%s, the router's pick (%s) %d%s — answers differ",
              shape.name(),
              engine.label,
              answer.nodes(),
              answer.truncated() ? " (truncated)" : "",
              reference.engine(),
              reference.nodes(),
              reference.truncated() ? " (truncated)" : ""));
    }
  }

  private static void addOnce(List<String> problems, String problem) {
    if (!problems.contains(problem)) {
      problems.add(problem);
    }
  }

  private static long awaitMirror(
      LineageAdminServiceGrpc.LineageAdminServiceBlockingStub admin, long position) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      MirrorStatus status = admin.getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance());
      if (status.getLagRows() == 0 && status.getMirrorPosition() >= position) {
        return System.nanoTime();
      }
      if (!status.getLastError().isEmpty() && !status.getReachable()) {
        System.out.println("  mirror not reachable yet: " + status.getLastError());
      }
      sleep(50);
    }
    throw new IllegalStateException("the Neo4j mirror did not catch up within 10 minutes");
  }

  private static void printEnvironment(int trainingRuns, int secondsPerShape) {
    Runtime runtime = Runtime.getRuntime();
    System.out.println("== mlmeta lineage benchmark (issue #3) ==");
    System.out.printf(
        Locale.ROOT,
        "Environment: %d cores, %s %s (%s), %s %s %s, benchmark JVM max heap %d MB%n",
        runtime.availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"),
        runtime.maxMemory() / (1024 * 1024));
    System.out.println("Load average at start: " + loadAverage());
    System.out.println(
        "Server: the packaged standalone server (./mlmeta server) on this machine: embedded"
            + " PostgreSQL, embedded Neo4j mirror and the server JVM, sharing the cores with"
            + " this client.");
    System.out.printf(
        Locale.ROOT,
        "Settings: %,d training runs, batches of %d executions; per shape: warm-up ~%d s (at least"
            + " %d rounds), then timed rounds sized to ~%d s (%d..%d); one client thread%n%n",
        trainingRuns,
        SyntheticLineage.BATCH_SIZE,
        secondsPerShape / WARMUP_SHARE,
        WARMUP_ROUNDS,
        secondsPerShape,
        MIN_ROUNDS,
        MAX_ROUNDS);
  }

  private static void printLoad(
      SyntheticLineage graph,
      Landmarks landmarks,
      long loadStart,
      long loadEnd,
      MirrorStatus atLoadEnd,
      long mirrorDone) {
    System.out.println("Ingest through RecordExecutions (one client thread, batches are atomic):");
    System.out.println(
        "| phase | executions | nodes | edges | server time s | nodes/s | edges/s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    long executions = 0;
    long serverNanos = 0;
    for (Phase phase : graph.phases()) {
      executions += phase.executions();
      serverNanos += phase.nanos();
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %,d | %,d | %.1f | %,.0f | %,.0f |%n",
          phase.name(),
          phase.executions(),
          phase.nodes(),
          phase.edges(),
          seconds(phase.nanos()),
          phase.nodes() / seconds(phase.nanos()),
          phase.edges() / seconds(phase.nanos()));
    }
    double loadSeconds = seconds(loadEnd - loadStart);
    System.out.printf(
        Locale.ROOT,
        "| **total** | %,d | %,d | %,d | %.1f | %,.0f | %,.0f |%n",
        executions,
        graph.nodes(),
        graph.edges(),
        seconds(serverNanos),
        graph.nodes() / seconds(serverNanos),
        graph.edges() / seconds(serverNanos));
    System.out.printf(
        Locale.ROOT,
        "Load wall time (incl. client and in-memory reference): %.1f s -> %,.0f nodes/s, %,.0f"
            + " edges/s%n",
        loadSeconds,
        graph.nodes() / loadSeconds,
        graph.edges() / loadSeconds);
    System.out.printf(Locale.ROOT, "Dataset: %s%n", graph.nodesByType());
    System.out.printf(
        Locale.ROOT,
        "Landmarks: hub dataset artifact:%d read by %,d training runs; 5-hop model artifact:%d;"
            + " deep model artifact:%d; path artifact:%d -> execution:%d%n",
        landmarks.hubDataset(),
        landmarks.hubReaders(),
        landmarks.shallowModel(),
        landmarks.deepModel(),
        landmarks.chainRoot(),
        landmarks.deepDeployment());

    // One outbox row per recorded execution; the projector runs during the load as well.
    double catchUp = seconds(mirrorDone - loadEnd);
    double endToEnd = seconds(mirrorDone - loadStart);
    double elementsPerRow = (graph.nodes() + graph.edges()) / (double) executions;
    System.out.printf(
        Locale.ROOT,
        "Mirror: %,d outbox rows (of %,d) behind when the load ended; caught up %.1f s later"
            + " (%,.0f rows/s, ~%,.0f nodes+edges/s while draining); load start to mirror"
            + " caught up %.1f s -> %,.0f nodes/s, %,.0f edges/s end to end%n%n",
        atLoadEnd.getLagRows(),
        executions,
        catchUp,
        catchUp > 0 ? atLoadEnd.getLagRows() / catchUp : 0,
        catchUp > 0 ? atLoadEnd.getLagRows() * elementsPerRow / catchUp : 0,
        endToEnd,
        graph.nodes() / endToEnd,
        graph.edges() / endToEnd);
  }

  private static void printMirrorCheck(
      LineageAdminServiceGrpc.LineageAdminServiceBlockingStub admin, SyntheticLineage graph) {
    long start = System.nanoTime();
    CheckMirrorResponse check =
        admin
            .withDeadlineAfter(5, TimeUnit.MINUTES)
            .checkMirror(CheckMirrorRequest.newBuilder().setRepair(false).build());
    System.out.printf(
        Locale.ROOT,
        "Mirror check (%.1f s): consistent=%s; PostgreSQL %,d nodes / %,d edges, Neo4j %,d"
            + " nodes / %,d edges, in-memory reference %,d nodes / %,d edges%n%n",
        seconds(System.nanoTime() - start),
        check.getConsistent(),
        check.getStoreNodes(),
        check.getStoreEdges(),
        check.getMirrorNodes(),
        check.getMirrorEdges(),
        graph.nodes(),
        graph.edges());
  }

  /**
   * The cost of any call to this server over this channel, to read the query figures against: a
   * lookup of one artifact by id.
   */
  private static void printRoundTripFloor(ManagedChannel channel, long artifactId) {
    MetadataServiceGrpc.MetadataServiceBlockingStub metadata =
        MetadataServiceGrpc.newBlockingStub(channel);
    GetArtifactRequest request = GetArtifactRequest.newBuilder().setId(artifactId).build();
    Samples samples = new Samples();
    for (int i = 0; i < 2 * FLOOR_CALLS; i++) {
      long start = System.nanoTime();
      metadata.getArtifact(request);
      if (i >= FLOOR_CALLS) {
        samples.add(System.nanoTime() - start);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "Round-trip floor: GetArtifact by id over the same channel, p50 %s ms / p99 %s ms (%d"
            + " calls after %d warm-up)%n",
        Samples.millis(samples.p50()),
        Samples.millis(samples.p99()),
        FLOOR_CALLS,
        FLOOR_CALLS);
  }

  /** The mirror's bulk write rate: PostgreSQL read and Neo4j UNWIND MERGE, as the projector. */
  private static void printRebuild(LineageAdminServiceGrpc.LineageAdminServiceBlockingStub admin) {
    try {
      RebuildMirrorResponse rebuild =
          admin
              .withDeadlineAfter(10, TimeUnit.MINUTES)
              .rebuildMirror(RebuildMirrorRequest.getDefaultInstance());
      double seconds = rebuild.getMillis() / 1000.0;
      System.out.printf(
          Locale.ROOT,
          "%nMirror rebuild (clear Neo4j, copy %,d nodes and %,d edges from PostgreSQL in batches):"
              + " %.1f s -> %,.0f nodes+edges/s%n",
          rebuild.getNodes(),
          rebuild.getEdges(),
          seconds,
          (rebuild.getNodes() + rebuild.getEdges()) / seconds);
    } catch (StatusRuntimeException e) {
      System.out.println("\nMirror rebuild not measured: " + e.getStatus());
    }
  }

  private static void printTable(List<Measurement> measurements) {
    System.out.println();
    System.out.println(
        "Lineage queries at "
            + "this size; p50 / p99 in ms, (×) = p50 relative to the router's pick measured in the"
            + " same rounds");
    System.out.println(
        "| shape | nodes | router pick | rounds | router p50 / p99 | postgres p50 / p99 (×) |"
            + " neo4j p50 / p99 (×) | memory* p50 / p99 (×) | same answer |");
    System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---|");
    for (Measurement m : measurements) {
      double baseline = m.samples().get(Engine.ROUTER).p50();
      StringBuilder row =
          new StringBuilder()
              .append("| ")
              .append(m.shape().name())
              .append(" | ")
              .append(m.reference().nodes())
              .append(m.reference().truncated() ? " (truncated)" : "")
              .append(" | ")
              .append(String.join(", ", m.routerPicks()))
              .append(" | ")
              .append(m.samples().get(Engine.ROUTER).size())
              .append(" | ")
              .append(figures(m.samples().get(Engine.ROUTER)));
      for (Engine engine : List.of(Engine.POSTGRES, Engine.NEO4J, Engine.MEMORY)) {
        Samples samples = m.samples().get(engine);
        row.append(" | ")
            .append(figures(samples))
            .append(String.format(Locale.ROOT, " (%.2f×)", samples.p50() / baseline));
      }
      row.append(" | ").append(m.problems().isEmpty() ? "yes" : "**NO — see below**").append(" |");
      System.out.println(row);
    }
    System.out.println(
        "nodes: nodes returned (impact: dependants, without the start; paths: number of paths)."
            + " *memory: the in-memory engine called in this JVM, no RPC and no serialisation — a"
            + " floor, not a routable engine.");
  }

  private static void printVerdicts(List<Measurement> measurements) {
    System.out.println();
    System.out.println("Router defaults against the measurements (server engines only):");
    for (Measurement m : measurements) {
      double postgres = m.samples().get(Engine.POSTGRES).p50();
      double neo4j = m.samples().get(Engine.NEO4J).p50();
      String fastest = postgres <= neo4j ? "postgres" : "neo4j";
      double factor = Math.max(postgres, neo4j) / Math.min(postgres, neo4j);
      String picked = m.routerPicks().iterator().next().split(" ")[0];
      String verdict;
      if (factor < CLEAR_WIN) {
        verdict =
            String.format(Locale.ROOT, "no clear winner (%s ahead by only %.2f×)", fastest, factor);
      } else if (picked.equals(fastest)) {
        verdict = String.format(Locale.ROOT, "pick is the faster engine (%.2f× ahead)", factor);
      } else {
        verdict =
            String.format(
                Locale.ROOT, "%s would be %.2f× faster than the pick %s", fastest, factor, picked);
      }
      System.out.printf(
          Locale.ROOT, "  %-36s router: %-9s %s%n", m.shape().name(), picked, verdict);
    }
  }

  /** The 1, 5 and 15 minute load averages: other work on a shared machine blurs the figures. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String figures(Samples samples) {
    return Samples.millis(samples.p50()) + " / " + Samples.millis(samples.p99());
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
