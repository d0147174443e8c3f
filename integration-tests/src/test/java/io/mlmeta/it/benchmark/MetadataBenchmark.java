package io.mlmeta.it.benchmark;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mlmeta.it.benchmark.IngestSection.Bulk;
import io.mlmeta.it.benchmark.IngestSection.Throughput;
import io.mlmeta.it.benchmark.IngestSection.Unbatched;
import io.mlmeta.it.benchmark.LineageSection.Measured;
import io.mlmeta.it.benchmark.Report.Table;
import io.mlmeta.it.support.GraphQlClient;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.sdk.Access;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.access.Role;
import io.mlmeta.sdk.lineage.MirrorRebuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark of issue 7, not a test: starts the packaged standalone server (embedded PostgreSQL
 * and Neo4j), loads realistic metadata at the chosen scale through the Java SDK, and measures
 * ingest, lineage queries, the Neo4j mirror, paged listing, start time and memory, each against a
 * bare baseline on the same databases in the same run. Prints a table per section and writes
 * results.json and results.md.
 *
 * <p>Run it with {@code ./mvnw -Pbenchmark -pl integration-tests -am verify
 * -Dbenchmark.scale=10k|100k|1m [-Dbenchmark.quick=true]}. It asserts no timings; it exits non-zero
 * only when engines disagree on an answer or a step breaks.
 */
public final class MetadataBenchmark {

  /** Clients of the crowded unbatched run (issues 11 and 18: 61 calls/s, p99 2 s before). */
  private static final int CROWD = 32;

  private static final String MAIN = "bench-main";

  private final BenchmarkSettings settings;
  private final Report report = new Report();

  private MetadataBenchmark(BenchmarkSettings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) {
    BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
    MetadataBenchmark benchmark = new MetadataBenchmark(settings);
    int exit;
    try {
      exit = benchmark.run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      benchmark.report.problem("the run broke: " + e);
      benchmark.writeQuietly();
      exit = 2;
    }
    System.exit(exit);
  }

  private int run() throws Exception {
    long began = System.nanoTime();
    describeMachine();
    System.out.printf(
        Locale.ROOT,
        "== mlmeta benchmark (issue 7): scale %s (~%,d nodes)%s ==%n",
        settings.scale(),
        settings.nodes(),
        settings.quick() ? ", quick" : "");

    long starting = System.nanoTime();
    PackagedServer server = PackagedServer.start(Map.of());
    double startSeconds = seconds(System.nanoTime() - starting);
    try {
      measure(server, startSeconds);
    } finally {
      keepServerLog(server);
      server.close();
    }
    report.machine("finished", Instant.now().toString());
    report.machine("runtime s", Math.round(seconds(System.nanoTime() - began)));
    report.machine("load average at the end", loadAverage());
    report.table(report.targetsTable());
    report.write(settings.output());
    System.out.printf(
        Locale.ROOT,
        "%nWrote %s and results.md; total %.0f s%n",
        settings.output().resolve("results.json"),
        seconds(System.nanoTime() - began));
    if (!report.problems().isEmpty()) {
      System.out.println("!!! ANSWERS DISAGREE OR A STEP BROKE — figures above are suspect:");
      report.problems().forEach(p -> System.out.println("!!!   " + p));
      return 1;
    }
    return 0;
  }

  private void measure(PackagedServer server, double startSeconds) throws Exception {
    Endpoints endpoints = Endpoints.read(server.home());
    System.out.println("Server ready in " + Report.fmt(startSeconds) + " s: " + endpoints);
    ProcessMemory memory = new ProcessMemory(endpoints.launcherPid(), server.home());
    TimeUnit.SECONDS.sleep(3);
    double idleRss = memory.rssMib();

    IngestSection ingest = new IngestSection(endpoints.grpcTarget(), settings);
    System.out.println("Bulk load, " + settings.clients() + " concurrent SDK clients:");
    Bulk bulk = ingest.bulkLoad(MAIN, memory);
    long loaded = System.nanoTime();
    if (ingest.retried() > 0) {
      report.serverIssue(
          String.format(
              Locale.ROOT,
              "%,d records of the bulk load were written again after their batch failed"
                  + " (concurrent RecordExecutions batches); last failure: %s",
              ingest.retried(),
              ingest.lastFailure()));
    }

    GraphQlClient graphql = new GraphQlClient(endpoints.httpUrl());
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(endpoints.grpcTarget()).usePlaintext().build();
    try (Store store = ingest.connect();
        BareTraversals bare = new BareTraversals(endpoints)) {
      MirrorSection mirror = new MirrorSection(store, bare);
      double catchUp = seconds(mirror.awaitCaughtUp() - loaded);
      TimeUnit.SECONDS.sleep(2);
      double afterLoadRss = memory.rssMib();

      ingestSection(ingest, bulk, endpoints);
      // The timed ingest runs leave the mirror behind; walks are timed on a settled server.
      mirror.awaitCaughtUp();
      lineageSection(graphql, channel, bare, bulk);
      accessSection(ingest, store, graphql, channel, bare, bulk, endpoints);
      listingSection(graphql);
      MirrorFigures figures = mirrorSection(mirror, channel, bulk, catchUp, memory);

      double restartSeconds = server.restart().toMillis() / 1e3;
      Endpoints restarted = Endpoints.read(server.home());
      TimeUnit.SECONDS.sleep(3);
      double restartedRss = new ProcessMemory(restarted.launcherPid(), server.home()).rssMib();
      startAndMemory(
          startSeconds,
          restartSeconds,
          idleRss,
          bulk.peakRssMib(),
          afterLoadRss,
          figures.lagPeakRss,
          restartedRss);
    } finally {
      channel.shutdownNow();
    }
  }

  private void ingestSection(IngestSection ingest, Bulk bulk, Endpoints endpoints)
      throws Exception {
    System.out.println("Timed ingest runs of " + settings.timedIngestSeconds() + " s each...");
    Throughput batchedOne = ingest.batchedOneClient("bench-batched-1");
    // The change log's price: batched runs with its triggers off and on, interleaved (off-on,
    // on-off, ...) so that drift over the run falls on both sides; events over time summed.
    int logRounds = settings.quick() ? 2 : 4;
    int logSeconds = Math.max(3, settings.timedIngestSeconds() / 2);
    List<Throughput> withLogRuns = new ArrayList<>();
    List<Throughput> withoutLogRuns = new ArrayList<>();
    for (int round = 0; round < logRounds; round++) {
      for (int turn = 0; turn < 2; turn++) {
        boolean on = (turn == 1) == (round % 2 == 0);
        ChangeLogSwitch.set(endpoints, on);
        try {
          (on ? withLogRuns : withoutLogRuns)
              .add(
                  ingest.batchedOneClient(
                      "bench-change-log-" + (on ? "on-" : "off-") + round, null, logSeconds));
        } finally {
          ChangeLogSwitch.set(endpoints, true);
        }
      }
    }
    Throughput withLog = Throughput.sum(withLogRuns);
    Throughput withoutLog = Throughput.sum(withoutLogRuns);
    Unbatched unbatchedOne = ingest.unbatched("bench-unbatched-1", 1);
    Unbatched unbatchedMany = ingest.unbatched("bench-unbatched-8", settings.clients());
    Unbatched unbatchedCrowd = ingest.unbatched("bench-unbatched-32", CROWD);

    System.out.println("Baselines: the bulk load's rows again, straight into PostgreSQL...");
    JdbcBaseline jdbc = new JdbcBaseline(endpoints);
    jdbc.readWorkspace(MAIN);
    JdbcBaseline.Result plain = jdbc.batchedInserts(false);
    JdbcBaseline.Result rewritten = jdbc.batchedInserts(true);
    JdbcBaseline.Result copy = jdbc.copy();
    jdbc.release();
    double jdbcBest = Math.max(plain.eventsPerSecond(), rewritten.eventsPerSecond());

    Table table =
        new Table(
            "Ingest (lineage events = INPUT/OUTPUT)",
            "writer",
            "executions",
            "events",
            "nodes",
            "s",
            "events/s",
            "executions/s",
            "nodes/s",
            "vs JDBC batch",
            "vs JDBC rewrite",
            "vs COPY");
    for (Throughput t :
        List.of(
            bulk.throughput(),
            batchedOne,
            unbatchedOne.throughput(),
            unbatchedMany.throughput(),
            unbatchedCrowd.throughput())) {
      table.row(
          t.name(),
          t.executions(),
          t.events(),
          t.nodes(),
          Report.fmt(t.seconds()),
          Report.fmt(t.eventsPerSecond()),
          Report.fmt(t.executionsPerSecond()),
          Report.fmt(t.nodesPerSecond()),
          Report.ratio(t.eventsPerSecond() / plain.eventsPerSecond()),
          Report.ratio(t.eventsPerSecond() / rewritten.eventsPerSecond()),
          Report.ratio(t.eventsPerSecond() / copy.eventsPerSecond()));
      report.figure("ingest." + t.name() + ".eventsPerSecond", t.eventsPerSecond());
    }
    for (JdbcBaseline.Result r : List.of(plain, rewritten, copy)) {
      table.row(
          r.name() + " (artifacts, executions, events; 1 connection)",
          r.executions(),
          r.events(),
          r.artifacts() + r.executions(),
          Report.fmt(r.seconds()),
          Report.fmt(r.eventsPerSecond()),
          Report.fmt(r.executions() / r.seconds()),
          Report.fmt((r.artifacts() + r.executions()) / r.seconds()),
          "",
          "",
          "");
      report.figure("ingest.baseline." + r.name() + ".eventsPerSecond", r.eventsPerSecond());
    }
    table.note(
        "The SDK also writes contexts, attributions, associations and the lineage outbox, and its"
            + " tables have foreign keys; the scratch tables of the baselines do not.");
    report.table(table);

    Table calls =
        new Table(
            "Unbatched logging calls (create, log input/output, complete)",
            "clients",
            "calls",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "calls/s",
            "vs 1 client");
    double singleRate = unbatchedOne.calls().size() / unbatchedOne.throughput().seconds();
    for (Unbatched u : List.of(unbatchedOne, unbatchedMany, unbatchedCrowd)) {
      double rate = u.calls().size() / u.throughput().seconds();
      calls.row(
          u.throughput().name(),
          u.calls().size(),
          Samples.millis(u.calls().p50()),
          Samples.millis(u.calls().p95()),
          Samples.millis(u.calls().p99()),
          Report.fmt(rate),
          Report.ratio(rate / singleRate));
    }
    report.table(calls);
    report.figure("ingest.unbatched1.callP50Millis", unbatchedOne.calls().p50());
    double crowdRatio =
        unbatchedCrowd.calls().size() / unbatchedCrowd.throughput().seconds() / singleRate;
    report.figure("ingest.unbatched32.throughputVsOneClient", crowdRatio);
    report.figure("ingest.unbatched32.callP99Millis", unbatchedCrowd.calls().p99());

    double share = bulk.throughput().eventsPerSecond() / jdbcBest;
    report.target(
        "SDK batched ingest",
        ">= 50% of raw JDBC batch (better of the two variants)",
        String.format(
            Locale.ROOT,
            "%.0f%% (%s vs %s events/s)",
            share * 100,
            Report.fmt(bulk.throughput().eventsPerSecond()),
            Report.fmt(jdbcBest)),
        share >= 0.5);
    double logCost = 1 - withLog.eventsPerSecond() / withoutLog.eventsPerSecond();
    Table changeLog =
        new Table(
            "Change log cost on batched ingest (1 client, "
                + logRounds
                + " interleaved runs of "
                + logSeconds
                + " s each way)",
            "change log",
            "events/s",
            "runs",
            "vs without");
    changeLog.row("on", events(withLog), runs(withLogRuns), Report.ratio(1 - logCost));
    changeLog.row("off", events(withoutLog), runs(withoutLogRuns), "1.00x");
    changeLog.note(
        "Off means the V5 triggers disabled on the metadata tables (the sealer still runs); on, one"
            + " entry per changing statement, table and workspace.");
    report.table(changeLog);
    report.figure("ingest.changeLogCost", logCost);
    report.target(
        "change log cost on batched ingest",
        "<= 10% of the throughput without it",
        String.format(Locale.ROOT, "%.1f%%", logCost * 100),
        logCost <= 0.10);
    report.target(
        "unbatched logging call p50",
        "<= 2 ms",
        Samples.millis(unbatchedOne.calls().p50()) + " ms (1 client)",
        unbatchedOne.calls().p50() <= 2);
    report.target(
        CROWD + " concurrent unbatched clients",
        ">= 6x the calls/s of one client, p99 <= 50 ms",
        String.format(
            Locale.ROOT,
            "%s, p99 %s ms",
            Report.ratio(crowdRatio),
            Samples.millis(unbatchedCrowd.calls().p99())),
        crowdRatio >= 6 && unbatchedCrowd.calls().p99() <= 50);
  }

  private void lineageSection(
      GraphQlClient graphql, ManagedChannel channel, BareTraversals bare, Bulk bulk) {
    System.out.println("Lineage queries (GraphQL vs recursive SQL vs Cypher)...");
    List<Measured> measured =
        new LineageSection(graphql, channel, bare, settings, report).run(bulk.landmarks());
    Table table =
        new Table(
            "Lineage walks: GraphQL (router's default engine) vs bare engines, ms",
            "shape",
            "answered by",
            "nodes (max)",
            "rounds",
            "GraphQL p50/p95/p99",
            "gRPC p50/p95/p99",
            "SQL p50/p95/p99",
            "Cypher p50/p95/p99",
            "GraphQL p50 / fastest bare p50");
    for (Measured m : measured) {
      double fastest = Math.min(m.sql().p50(), m.cypher().p50());
      table.row(
          m.name(),
          String.join(",", m.engines()),
          m.nodes(),
          m.graphql().size(),
          triple(m.graphql()),
          triple(m.grpc()),
          triple(m.sql()),
          triple(m.cypher()),
          Report.ratio(m.graphql().p50() / fastest));
      report.figure("lineage." + m.name() + ".graphqlP50Millis", m.graphql().p50());
      report.figure("lineage." + m.name() + ".sqlP50Millis", m.sql().p50());
      report.figure("lineage." + m.name() + ".cypherP50Millis", m.cypher().p50());
    }
    table.note(
        String.format(
            Locale.ROOT,
            "Most-read gold dataset: artifact:%d, read by %,d of %,d training/tuning runs;"
                + " %,d deployments in all.",
            bulk.landmarks().mostReadGold(),
            bulk.landmarks().mostReadGoldReaders(),
            bulk.landmarks().trainingAndTuning(),
            bulk.landmarks().deployments()));
    report.table(table);

    Measured upstream5 = find(measured, "upstream 5 hops");
    double fastest5 = Math.min(upstream5.sql().p50(), upstream5.cypher().p50());
    report.target(
        "5-hop upstream GraphQL p50",
        "within 1 ms of the fastest bare engine",
        Samples.millis(upstream5.graphql().p50()) + " ms vs " + Samples.millis(fastest5) + " ms",
        upstream5.graphql().p50() - fastest5 <= 1);
    report.target(
        "5-hop upstream GraphQL p99",
        "<= 5 ms",
        Samples.millis(upstream5.graphql().p99()) + " ms",
        upstream5.graphql().p99() <= 5);
    Measured firstPage = find(measured, "gold impact 10 hops, first page");
    report.target(
        "impact of the most-read dataset, first page",
        "<= 100 ms (p50)",
        Samples.millis(firstPage.graphql().p50()) + " ms",
        firstPage.graphql().p50() <= 100);
    Measured deploys = find(measured, "gold impact 10 hops, Deploy only");
    double slowerBare = Math.min(deploys.sql().p50(), deploys.cypher().p50());
    report.target(
        "complete impact filtered to deployments",
        ">= 10x faster than either bare full traversal",
        String.format(
            Locale.ROOT,
            "%s ms vs SQL %s ms, Cypher %s ms (%.1fx)",
            Samples.millis(deploys.graphql().p50()),
            Samples.millis(deploys.sql().p50()),
            Samples.millis(deploys.cypher().p50()),
            slowerBare / deploys.graphql().p50()),
        slowerBare / deploys.graphql().p50() >= 10);
  }

  /**
   * What identity and authorisation cost (issue 13): the same calls as the anonymous local admin,
   * who needs no credential check and no grants, and as API token holders whose token is checked
   * and whose roles are looked up. Batched ingest runs anonymous, with a token, anonymous again, so
   * drift over the three runs shows.
   */
  private void accessSection(
      IngestSection ingest,
      Store store,
      GraphQlClient graphql,
      ManagedChannel channel,
      BareTraversals bare,
      Bulk bulk,
      Endpoints endpoints) {
    System.out.println("Access cost: anonymous local admin vs API token holders...");
    Access access = store.access();
    String reader =
        access.createToken("bench-reader", Map.of(MAIN, Role.READER), false, null).secret();
    // Short runs, interleaved in ABBA order: the store grows as the runs write, and alternating
    // cancels that drift, where one anonymous run before and one after the token's differed by 28%.
    // Each run writes to a workspace of its own, so no run replays another's external ids.
    int rounds = 4;
    int seconds = Math.max(3, settings.timedIngestSeconds() / 2);
    Map<String, Role> tokenScopes = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      Workspace.create(store, "bench-access-token-" + round);
      tokenScopes.put("bench-access-token-" + round, Role.WRITER);
    }
    String writer = access.createToken("bench-writer", tokenScopes, false, null).secret();
    List<Throughput> anonymousRuns = new ArrayList<>();
    List<Throughput> tokenRuns = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      boolean tokenFirst = round % 2 == 1;
      for (int turn = 0; turn < 2; turn++) {
        if ((turn == 0) == tokenFirst) {
          tokenRuns.add(ingest.batchedOneClient("bench-access-token-" + round, writer, seconds));
        } else {
          anonymousRuns.add(
              ingest.batchedOneClient("bench-access-anonymous-" + round, null, seconds));
        }
      }
    }
    Throughput anonymous = Throughput.sum(anonymousRuns);
    Throughput withToken = Throughput.sum(tokenRuns);
    LineageSection.AccessCost walks =
        new LineageSection(graphql, channel, bare, settings, report)
            .accessCost(
                bulk.landmarks(),
                new GraphQlClient(
                    endpoints.httpUrl(), Map.of("Authorization", "Bearer " + reader)));

    Table table = new Table("Identity and authorisation cost", "call", "caller", "figure");
    table.row(
        "batched ingest, 1 client, " + rounds + " interleaved runs of " + seconds + " s",
        "anonymous",
        events(anonymous) + " (runs: " + runs(anonymousRuns) + ")");
    table.row(
        "batched ingest, 1 client, " + rounds + " interleaved runs of " + seconds + " s",
        "writer API token",
        events(withToken) + " (runs: " + runs(tokenRuns) + ")");
    table.row("5-hop upstream GraphQL", "anonymous", triple(walks.anonymous()) + " ms");
    table.row("5-hop upstream GraphQL", "reader API token", triple(walks.token()) + " ms");
    report.table(table);

    double anonymousEvents = anonymous.eventsPerSecond();
    double share = withToken.eventsPerSecond() / anonymousEvents;
    report.figure("access.ingest.tokenShare", share);
    report.target(
        "batched ingest as an API token holder",
        ">= 90% of anonymous (interleaved runs, events over time summed)",
        String.format(
            Locale.ROOT,
            "%.0f%% (%s vs %s events/s)",
            share * 100,
            Report.fmt(withToken.eventsPerSecond()),
            Report.fmt(anonymousEvents)),
        share >= 0.9);
    double added = walks.token().p50() - walks.anonymous().p50();
    report.figure("access.lineage5.addedP50Millis", added);
    report.target(
        "authorisation cost on a 5-hop upstream GraphQL query",
        "<= 0.2 ms added to p50",
        String.format(
            Locale.ROOT,
            "%s ms (%s vs %s ms)",
            Samples.millis(added),
            Samples.millis(walks.token().p50()),
            Samples.millis(walks.anonymous().p50())),
        added <= 0.2);
  }

  private static String runs(List<Throughput> runs) {
    return String.join(", ", runs.stream().map(run -> Report.fmt(run.eventsPerSecond())).toList());
  }

  private static String events(Throughput throughput) {
    return Report.fmt(throughput.eventsPerSecond()) + " events/s";
  }

  private void listingSection(GraphQlClient graphql) {
    System.out.println("Paged listing...");
    int rounds = settings.quick() ? 20 : 50;
    ListingSection.Result result = new ListingSection(graphql).run(MAIN, "Metrics", rounds);
    Table table =
        new Table(
            "Filtered listing (Metrics of the big workspace, GraphQL, pages of "
                + ListingSection.PAGE_SIZE
                + "), ms",
            "page",
            "p50",
            "p95",
            "p99",
            "vs page 1 (p50)");
    table.row(
        "1",
        Samples.millis(result.first().p50()),
        Samples.millis(result.first().p95()),
        Samples.millis(result.first().p99()),
        "1.00x");
    double ratio = result.deep().p50() / result.first().p50();
    table.row(
        result.deepPage(),
        Samples.millis(result.deep().p50()),
        Samples.millis(result.deep().p95()),
        Samples.millis(result.deep().p99()),
        Report.ratio(ratio));
    report.table(table);
    report.figure("listing.deepPage", result.deepPage());
    report.figure("listing.deepOverFirstP50", ratio);
    report.target(
        "page " + result.deepPage() + " vs page 1",
        "as fast (p50 within 1.5x)",
        Report.ratio(ratio),
        ratio <= 1.5);
  }

  private record MirrorFigures(double lagPeakRss) {}

  private MirrorFigures mirrorSection(
      MirrorSection mirror, ManagedChannel channel, Bulk bulk, double catchUp, ProcessMemory memory)
      throws Exception {
    System.out.println("Mirror: bare UNWIND MERGE, rebuild, lag...");
    MirrorSection.BareMerge merge = mirror.bareMerge();
    long rebuilding = System.nanoTime();
    MirrorRebuild rebuild = mirror.rebuild();
    double rebuildSeconds = seconds(System.nanoTime() - rebuilding);
    mirror.awaitCaughtUp();
    double rebuildRate = (rebuild.nodes() + rebuild.edges()) / rebuildSeconds;
    double projected =
        (bulk.throughput().nodes() + bulk.throughput().events())
            / (bulk.throughput().seconds() + catchUp);
    MirrorSection.Lag lag =
        mirror.lag(
            channel, "bench-lag", settings.lagSeconds(), settings.lagEdgesPerSecond(), memory);

    Table table = new Table("Neo4j mirror", "measure", "figure", "vs bare UNWIND MERGE");
    table.row("bulk load: mirror caught up after the load", Report.fmt(catchUp) + " s", "");
    table.row(
        "bulk load: nodes+edges projected per s (load + catch-up; bounded by the ingest rate)",
        Report.fmt(projected),
        "");
    table.row(
        "full RebuildMirror",
        String.format(
            Locale.ROOT,
            "%,d nodes + %,d edges in %s s (server %d ms) = %s /s",
            rebuild.nodes(),
            rebuild.edges(),
            Report.fmt(rebuildSeconds),
            rebuild.millis(),
            Report.fmt(rebuildRate)),
        Report.ratio(rebuildRate / merge.perSecond()));
    table.row(
        "bare UNWIND MERGE, batches of " + MirrorSection.MERGE_BATCH,
        String.format(
            Locale.ROOT,
            "%,d nodes + %,d edges in %s s = %s /s",
            merge.nodes(),
            merge.edges(),
            Report.fmt(merge.nanos() / 1e9),
            Report.fmt(merge.perSecond())),
        "1.00x");
    table.row(
        String.format(
            Locale.ROOT,
            "lag commit -> mirror position, %.0f edges/s for %.0f s",
            lag.edgesPerSecond(),
            lag.seconds()),
        String.format(
            Locale.ROOT,
            "p50 %s ms, p99 %s ms (%d writes)",
            Samples.millis(lag.lags().p50()),
            Samples.millis(lag.lags().p99()),
            lag.lags().size()),
        "");
    report.table(table);
    report.figure("mirror.catchUpSeconds", catchUp);
    report.figure("mirror.rebuildSeconds", rebuildSeconds);
    report.figure("mirror.rebuildPerSecond", rebuildRate);
    report.figure("mirror.bareMergePerSecond", merge.perSecond());
    report.figure("mirror.lagP50Millis", lag.lags().p50());
    report.figure("mirror.lagP99Millis", lag.lags().p99());
    double throughput = rebuildRate / merge.perSecond();
    report.target(
        "mirror throughput (full rebuild)",
        ">= 80% of bare UNWIND MERGE",
        String.format(Locale.ROOT, "%.0f%%", throughput * 100),
        throughput >= 0.8);
    report.target(
        "mirror lag p99 at ~" + settings.lagEdgesPerSecond() + " edges/s",
        "<= 1 s",
        Samples.millis(lag.lags().p99())
            + " ms at "
            + Report.fmt(lag.edgesPerSecond())
            + " edges/s",
        lag.lags().p99() <= 1000);
    return new MirrorFigures(lag.peakRssMib());
  }

  private void startAndMemory(
      double startSeconds,
      double restartSeconds,
      double idleRss,
      double bulkPeakRss,
      double afterLoadRss,
      double lagPeakRss,
      double restartedRss) {
    Table table =
        new Table(
            "Start time and memory (RSS of launcher + embedded Neo4j, server JVM, PostgreSQL)",
            "measure",
            "figure");
    table.row("start, empty data directory", Report.fmt(startSeconds) + " s");
    table.row(
        "restart with the data loaded (stopped, then start to ready)",
        Report.fmt(restartSeconds) + " s");
    table.row("RSS idle after start", Report.fmt(idleRss) + " MiB");
    table.row("RSS peak during the bulk load", Report.fmt(bulkPeakRss) + " MiB");
    table.row("RSS idle after the load", Report.fmt(afterLoadRss) + " MiB");
    table.row("RSS peak during sustained ingest (lag run)", Report.fmt(lagPeakRss) + " MiB");
    table.row("RSS idle after the restart", Report.fmt(restartedRss) + " MiB");
    report.table(table);
    report.figure("server.startSeconds", startSeconds);
    report.figure("server.restartSeconds", restartSeconds);
    report.figure("memory.idleMib", idleRss);
    report.figure("memory.bulkPeakMib", bulkPeakRss);
    report.figure("memory.afterLoadMib", afterLoadRss);
    report.figure("memory.lagPeakMib", lagPeakRss);
    report.figure("memory.afterRestartMib", restartedRss);
  }

  private void describeMachine() {
    Runtime runtime = Runtime.getRuntime();
    report.machine("started", Instant.now().toString());
    report.machine("scale", settings.scale() + " (~" + settings.nodes() + " nodes)");
    report.machine("quick", settings.quick());
    report.machine("seed", settings.seed());
    report.machine("cores", runtime.availableProcessors());
    report.machine("memory", memTotal());
    report.machine(
        "jdk",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    report.machine("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    report.machine("load average at the start", loadAverage());
    report.machine("git commit", gitCommit());
  }

  private static String memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String gitCommit() {
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "HEAD")
              .directory(Path.of(System.getProperty("mlmeta.root", "..")).toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(git.getInputStream().readAllBytes()).trim();
      return git.waitFor() == 0 ? out : "unknown";
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }

  private static Measured find(List<Measured> measured, String prefix) {
    return measured.stream().filter(m -> m.name().startsWith(prefix)).findFirst().orElseThrow();
  }

  private static String triple(Samples samples) {
    if (samples.size() == 0) {
      return "-";
    }
    return Samples.millis(samples.p50())
        + " / "
        + Samples.millis(samples.p95())
        + " / "
        + Samples.millis(samples.p99());
  }

  /** The launcher's and server's output, kept beside the results (the data directory is not). */
  private void keepServerLog(PackagedServer server) {
    try {
      Files.createDirectories(settings.output());
      Files.copy(
          server.home().resolve("launcher.log"),
          settings.output().resolve("server.log"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      System.err.println("cannot keep the server log: " + e);
    }
  }

  private void writeQuietly() {
    try {
      report.write(settings.output());
    } catch (IOException e) {
      System.err.println("cannot write the results: " + e);
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
