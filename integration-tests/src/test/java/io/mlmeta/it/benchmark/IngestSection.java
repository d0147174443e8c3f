package io.mlmeta.it.benchmark;

import io.mlmeta.it.benchmark.MetadataGenerator.Landmarks;
import io.mlmeta.sdk.BatchOptions;
import io.mlmeta.sdk.Execution;
import io.mlmeta.sdk.ExecutionBatch;
import io.mlmeta.sdk.ExecutionRecord;
import io.mlmeta.sdk.RecordedExecution;
import io.mlmeta.sdk.Run;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.error.MetadataException;
import io.mlmeta.sdk.model.Artifact;
import io.mlmeta.sdk.model.DataSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Ingest through the Java SDK over gRPC: the bulk load by concurrent batching clients, then
 * time-bounded runs (one batching client, one and several unbatched clients) on extra data in
 * workspaces of their own.
 */
final class IngestSection {

  static final BatchOptions BATCH = BatchOptions.defaults().withMaxSize(250);

  /** Executions, lineage events and nodes written in a wall time. */
  record Throughput(String name, long executions, long events, long nodes, long nanos) {
    /** Several runs as one: their counts and times added up. */
    static Throughput sum(List<Throughput> runs) {
      return new Throughput(
          runs.get(0).name(),
          runs.stream().mapToLong(Throughput::executions).sum(),
          runs.stream().mapToLong(Throughput::events).sum(),
          runs.stream().mapToLong(Throughput::nodes).sum(),
          runs.stream().mapToLong(Throughput::nanos).sum());
    }

    double seconds() {
      return nanos / 1e9;
    }

    double eventsPerSecond() {
      return events / seconds();
    }

    double executionsPerSecond() {
      return executions / seconds();
    }

    double nodesPerSecond() {
      return nodes / seconds();
    }
  }

  /** The bulk load's figures and what the generator chose as start nodes. */
  record Bulk(Throughput throughput, Landmarks landmarks, double peakRssMib) {}

  private static final int ATTEMPTS = 5;

  private final String grpcTarget;
  private final BenchmarkSettings settings;
  private final AtomicLong retried = new AtomicLong();
  private final Map<Long, Integer> runOwners = new ConcurrentHashMap<>();
  private final AtomicReference<String> lastFailure = new AtomicReference<>("");

  IngestSection(String grpcTarget, BenchmarkSettings settings) {
    this.grpcTarget = grpcTarget;
    this.settings = settings;
  }

  Store connect() {
    return connect(null);
  }

  /** A store sending {@code token} as its bearer token, or no credentials when null. */
  Store connect(@Nullable String token) {
    return Store.builder().target(grpcTarget).deadline(Duration.ofMinutes(5)).token(token).build();
  }

  /** Loads the big workspace with {@code settings.clients()} concurrent batching clients. */
  Bulk bulkLoad(String workspace, ProcessMemory memory) {
    List<Store> stores = new ArrayList<>();
    List<Workspace> workspaces = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
    try (ProcessMemory.Peak peak = memory.watchPeak()) {
      for (int c = 0; c < settings.clients(); c++) {
        Store store = connect();
        stores.add(store);
        workspaces.add(Workspace.create(store, workspace));
      }
      List<Run> runs = new ArrayList<>();
      for (int r = 0; r < MetadataGenerator.runsFor(settings.nodes()); r++) {
        runs.add(Run.create(workspaces.get(0), "pipeline-run-" + r));
      }
      MetadataGenerator generator = new MetadataGenerator(settings.seed(), settings.nodes(), runs);
      AtomicLong executions = new AtomicLong();
      AtomicLong events = new AtomicLong();
      AtomicLong nodes = new AtomicLong();
      AtomicLong nanos = new AtomicLong();
      MetadataGenerator.Writer writer =
          (phase, records) -> {
            long start = System.nanoTime();
            List<RecordedExecution> stored = writeConcurrently(pool, stores, workspaces, records);
            long took = System.nanoTime() - start;
            nanos.addAndGet(took);
            count(records, executions, events, nodes);
            System.out.printf(
                "  %-24s %,8d executions in %6.1f s%n", phase, records.size(), took / 1e9);
            return stored;
          };
      Landmarks landmarks = generator.load(writer);
      return new Bulk(
          new Throughput(
              settings.clients() + " clients, batched (bulk load)",
              executions.get(),
              events.get(),
              nodes.get(),
              nanos.get()),
          landmarks,
          peak.peakMib());
    } finally {
      pool.shutdownNow();
      stores.forEach(Store::close);
    }
  }

  private List<RecordedExecution> writeConcurrently(
      ExecutorService pool,
      List<Store> stores,
      List<Workspace> workspaces,
      List<ExecutionRecord> records) {
    int clients = stores.size();
    // Each client owns whole runs, as each pipeline would: batches of different clients that
    // attribute the same artifacts to the same run deadlock in the server.
    List<List<Integer>> indexes = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      indexes.add(new ArrayList<>());
    }
    for (int i = 0; i < records.size(); i++) {
      Run run = records.get(i).run();
      int client =
          run == null
              ? i % clients
              : runOwners.computeIfAbsent(run.id(), id -> runOwners.size() % clients);
      indexes.get(client).add(i);
    }
    List<Future<List<CompletableFuture<RecordedExecution>>>> slices = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      List<ExecutionRecord> slice = indexes.get(c).stream().map(records::get).toList();
      Store store = stores.get(c);
      Workspace workspace = workspaces.get(c);
      slices.add(pool.submit(() -> writeWithRetries(store, workspace, slice)));
    }
    RecordedExecution[] stored = new RecordedExecution[records.size()];
    for (int c = 0; c < clients; c++) {
      List<CompletableFuture<RecordedExecution>> results = join(slices.get(c));
      for (int k = 0; k < results.size(); k++) {
        stored[indexes.get(c).get(k)] = results.get(k).join();
      }
    }
    return List.of(stored);
  }

  /**
   * Writes the records in batches; the records of a failed batch are written again (batches are
   * atomic), up to {@value #ATTEMPTS} times, and counted: concurrent batches can deadlock in the
   * server (reported as INTERNAL), which the run works around and reports.
   */
  private List<CompletableFuture<RecordedExecution>> writeWithRetries(
      Store store, Workspace workspace, List<ExecutionRecord> records) {
    List<CompletableFuture<RecordedExecution>> results = recordAll(store, workspace, records);
    for (int attempt = 1; attempt < ATTEMPTS; attempt++) {
      List<Integer> failed = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).isCompletedExceptionally()) {
          failed.add(i);
        }
      }
      if (failed.isEmpty()) {
        break;
      }
      retried.addAndGet(failed.size());
      lastFailure.set(failureOf(results.get(failed.get(0))));
      List<CompletableFuture<RecordedExecution>> again =
          recordAll(store, workspace, failed.stream().map(records::get).toList());
      for (int k = 0; k < failed.size(); k++) {
        results.set(failed.get(k), again.get(k));
      }
    }
    return results;
  }

  private static List<CompletableFuture<RecordedExecution>> recordAll(
      Store store, Workspace workspace, List<ExecutionRecord> records) {
    List<CompletableFuture<RecordedExecution>> results = new ArrayList<>();
    try (ExecutionBatch batch = store.batch(workspace, BATCH)) {
      for (ExecutionRecord record : records) {
        results.add(batch.record(record));
      }
    } catch (MetadataException e) {
      // The failed batch's futures carry the error; the caller retries their records.
    }
    return results;
  }

  private static String failureOf(CompletableFuture<RecordedExecution> result) {
    try {
      result.join();
      return "";
    } catch (CompletionException e) {
      return String.valueOf(e.getCause());
    }
  }

  /** Records written again after their batch failed, and the last failure. */
  long retried() {
    return retried.get();
  }

  String lastFailure() {
    return lastFailure.get();
  }

  /** One batching client writing extra training runs for {@code seconds}. */
  Throughput batchedOneClient(String workspace) {
    return batchedOneClient(workspace, null);
  }

  /** Like {@link #batchedOneClient(String)}, as the holder of {@code token}. */
  Throughput batchedOneClient(String workspace, @Nullable String token) {
    return batchedOneClient(workspace, token, settings.timedIngestSeconds());
  }

  /** Like {@link #batchedOneClient(String, String)}, for {@code seconds}. */
  Throughput batchedOneClient(String workspace, @Nullable String token, int seconds) {
    try (Store store = connect(token)) {
      Workspace ws = Workspace.create(store, workspace);
      Run run = Run.create(ws, "batched-run");
      MetadataGenerator generator =
          new MetadataGenerator(settings.seed() + 1, settings.nodes(), List.of(run));
      List<Artifact> datasets = datasetPool(store, ws, "batched");
      AtomicLong executions = new AtomicLong();
      AtomicLong events = new AtomicLong();
      AtomicLong nodes = new AtomicLong();
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      long start = System.nanoTime();
      List<CompletableFuture<RecordedExecution>> results = new ArrayList<>();
      try (ExecutionBatch batch = store.batch(ws, BATCH)) {
        for (int i = 0; System.nanoTime() < deadline; i++) {
          ExecutionRecord record = generator.extra("batched", i, datasets);
          results.add(batch.record(record));
          count(List.of(record), executions, events, nodes);
        }
      }
      long nanos = System.nanoTime() - start;
      results.forEach(CompletableFuture::join);
      return new Throughput(
          "1 client, batched", executions.get(), events.get(), nodes.get(), nanos);
    }
  }

  /** The unbatched figures and the latency of each logging call. */
  record Unbatched(Throughput throughput, Samples calls) {}

  /**
   * {@code clients} clients logging the way an unbatched pipeline step does, one call each: create
   * the execution, log each input and the output, complete it.
   */
  Unbatched unbatched(String workspace, int clients) {
    System.out.printf("  unbatched logging calls, %d client(s)...%n", clients);
    Samples calls = new Samples();
    AtomicLong executions = new AtomicLong();
    AtomicLong events = new AtomicLong();
    AtomicLong nodes = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Store> stores = new ArrayList<>();
    try {
      List<Workspace> workspaces = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Store store = connect();
        stores.add(store);
        workspaces.add(Workspace.create(store, workspace));
      }
      Run run = Run.create(workspaces.get(0), "unbatched-run");
      List<Artifact> datasets = datasetPool(stores.get(0), workspaces.get(0), "unbatched");
      long deadline = System.nanoTime() + settings.timedIngestSeconds() * 1_000_000_000L;
      long start = System.nanoTime();
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Workspace ws = workspaces.get(c);
        MetadataGenerator generator =
            new MetadataGenerator(settings.seed() + 10 + c, settings.nodes(), List.of(run));
        int client = c;
        running.add(
            pool.submit(
                () -> {
                  for (int i = 0; System.nanoTime() < deadline; i++) {
                    ExecutionRecord record = generator.extra("unbatched-" + client, i, datasets);
                    Execution execution =
                        timed(
                            calls,
                            () -> Execution.create(record.name(), ws, run, null, record.type()));
                    for (Artifact input : record.inputs()) {
                      timed(calls, () -> execution.logInput(input));
                    }
                    for (Artifact output : record.outputs()) {
                      timed(calls, () -> execution.logOutput(output));
                    }
                    timed(calls, execution::complete);
                    count(List.of(record), executions, events, nodes);
                  }
                  return null;
                }));
      }
      running.forEach(IngestSection::join);
      long nanos = System.nanoTime() - start;
      return new Unbatched(
          new Throughput(
              clients + (clients == 1 ? " client" : " clients") + ", unbatched",
              executions.get(),
              events.get(),
              nodes.get(),
              nanos),
          calls);
    } finally {
      pool.shutdownNow();
      stores.forEach(Store::close);
    }
  }

  /** 50 datasets the time-bounded runs read, written untimed. */
  static List<Artifact> datasetPool(Store store, Workspace ws, String prefix) {
    List<CompletableFuture<RecordedExecution>> results = new ArrayList<>();
    try (ExecutionBatch batch = store.batch(ws, BATCH)) {
      for (int d = 0; d < 50; d++) {
        DataSet dataset =
            MetadataGenerator.dataset(
                prefix + "-dataset-" + d, "s3://lake/" + prefix + "/" + d, "raw");
        results.add(
            batch.record(ExecutionRecord.builder(prefix + "-ingest-" + d).output(dataset).build()));
      }
    }
    return results.stream().map(r -> r.join().outputs().get(0)).toList();
  }

  private static void count(
      List<ExecutionRecord> records, AtomicLong executions, AtomicLong events, AtomicLong nodes) {
    long e = 0;
    long v = 0;
    long n = 0;
    for (ExecutionRecord record : records) {
      e++;
      v += record.inputs().size() + record.outputs().size();
      n += 1 + record.outputs().size();
    }
    executions.addAndGet(e);
    events.addAndGet(v);
    nodes.addAndGet(n);
  }

  private static <T> T timed(Samples samples, Supplier<T> call) {
    long start = System.nanoTime();
    T result = call.get();
    samples.add(System.nanoTime() - start);
    return result;
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("an ingest client failed", e.getCause());
    }
  }
}
