package io.mlmeta.it.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.mlmeta.it.benchmark.MetadataGenerator.Landmarks;
import io.mlmeta.it.support.GraphQlClient;
import io.mlmeta.proto.v1.GetLineageRequest;
import io.mlmeta.proto.v1.GetLineageResponse;
import io.mlmeta.proto.v1.LineageDirection;
import io.mlmeta.proto.v1.LineageServiceGrpc;
import io.mlmeta.proto.v1.LineageStart;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Lineage walks through GraphQL with the router's default engine, against the same walk run bare
 * with recursive SQL and with Cypher (and through gRPC, to separate the API layer's cost). Every
 * answer's node count is compared across them.
 */
final class LineageSection {

  private static final int MIN_ROUNDS = 5;
  private static final int WARMUP_SHARE = 4;
  private static final int MAX_ROUNDS = 500;
  private static final int FULL_PAGE = 10_000;
  private static final int FIRST_PAGE = 100;

  private static final String LINEAGE =
      """
      query($artifacts: [String], $executions: [String], $direction: Direction, $hops: Int,
            $first: Int, $after: String, $filter: LineageNodeFilter) {
        lineage(artifactIds: $artifacts, executionIds: $executions, direction: $direction,
                maxHops: $hops, first: $first, after: $after, filter: $filter) {
          answeredBy { engine }
          nodes { key hops }
          truncated
          truncation
          nextCursor
        }
      }
      """;

  private static final String IMPACT =
      """
      query($artifacts: [String], $hops: Int, $types: [String]) {
        impact(artifactIds: $artifacts, maxHops: $hops, filter: {types: $types}) {
          answeredBy { engine }
          total
          truncated
          groups { type nodes { key } }
        }
      }
      """;

  /** One engine's answer: nodes counted and who answered. */
  private record Answer(long nodes, String engine) {}

  /**
   * A query shape: a name, its start nodes and how each engine answers it. The same walk over gRPC
   * (GetLineage) shows how much of GraphQL's time is the API layer; null where not comparable.
   */
  private record Shape(
      String name,
      List<String> starts,
      Function<String, Answer> graphql,
      Function<String, Answer> grpc,
      ToLongFunction<String> sql,
      ToLongFunction<String> cypher) {}

  /** The timings of one shape. */
  record Measured(
      String name,
      Samples graphql,
      Samples grpc,
      Samples sql,
      Samples cypher,
      Set<String> engines,
      long nodes) {}

  private final GraphQlClient graphql;
  private final LineageServiceGrpc.LineageServiceBlockingStub lineage;
  private final BareTraversals bare;
  private final BenchmarkSettings settings;
  private final Report report;
  // Every timed answer is folded in here so that no measured call is dead code to the JIT.
  private long answersSeen;

  LineageSection(
      GraphQlClient graphql,
      ManagedChannel channel,
      BareTraversals bare,
      BenchmarkSettings settings,
      Report report) {
    this.graphql = graphql;
    this.lineage = LineageServiceGrpc.newBlockingStub(channel);
    this.bare = bare;
    this.settings = settings;
    this.report = report;
  }

  List<Measured> run(Landmarks landmarks) {
    List<Shape> shapes = new ArrayList<>();
    for (boolean downstream : new boolean[] {false, true}) {
      List<String> starts = downstream ? landmarks.downstreamStarts() : landmarks.upstreamStarts();
      for (int hops : new int[] {1, 3, 5, 10}) {
        shapes.add(
            new Shape(
                (downstream ? "downstream " : "upstream ") + hops + " hops",
                starts,
                start -> walk(start, downstream, hops, FULL_PAGE, null, true),
                start -> grpcWalk(start, downstream, hops),
                start -> bare.sql(start, downstream, hops, null),
                start -> bare.cypher(start, downstream, hops, null)));
      }
    }
    String gold = "artifact:" + landmarks.mostReadGold();
    shapes.add(
        new Shape(
            "gold impact 10 hops, complete",
            List.of(gold),
            start -> walk(start, true, 10, FULL_PAGE, null, true),
            start -> grpcWalk(start, true, 10),
            start -> bare.sql(start, true, 10, null),
            start -> bare.cypher(start, true, 10, null)));
    shapes.add(
        new Shape(
            "gold impact 10 hops, first page of " + FIRST_PAGE,
            List.of(gold),
            start -> walk(start, true, 10, FIRST_PAGE, null, false),
            null,
            null,
            null));
    shapes.add(
        new Shape(
            "gold impact 10 hops, Deploy only (impact)",
            List.of(gold),
            this::deployImpact,
            null,
            start -> bare.sql(start, true, 10, "Deploy"),
            start -> bare.cypher(start, true, 10, "Deploy")));

    warmUp(shapes.subList(0, 8));
    List<Measured> measured = new ArrayList<>();
    for (Shape shape : shapes) {
      Measured m = measure(shape);
      measured.add(m);
      System.out.printf(
          "  measured %-42s %4d rounds, %,d nodes, engine %s%n",
          shape.name(), m.graphql().size(), m.nodes(), m.engines());
    }
    System.out.printf("  nodes answered while timing: %,d%n", answersSeen);
    return measured;
  }

  /**
   * Runs the small walks through both APIs for a while first: the server compiles its GraphQL and
   * gRPC paths over tens of seconds on two cores, and the shape measured first should not pay for
   * that alone.
   */
  private void warmUp(List<Shape> small) {
    long end = System.nanoTime() + (long) (settings.secondsPerQuery() * 5 * 1e9);
    for (int round = 0; System.nanoTime() < end; round++) {
      for (Shape shape : small) {
        String start = startOf(shape, round);
        consume(shape.graphql().apply(start).nodes());
        consume(shape.grpc().apply(start).nodes());
      }
    }
  }

  private Measured measure(Shape shape) {
    Samples gq = new Samples();
    Samples rpc = new Samples();
    Samples sql = new Samples();
    Samples cypher = new Samples();
    Set<String> engines = new LinkedHashSet<>();
    Map<String, Long> expected = new HashMap<>();
    // Warm-up, and the agreement check on every start node.
    for (String start : shape.starts()) {
      Answer answer = shape.graphql().apply(start);
      engines.add(answer.engine());
      if (shape.grpc() != null && shape.grpc().apply(start).nodes() != answer.nodes()) {
        report.problem(
            String.format(
                "%s from %s: GraphQL %d nodes, gRPC %d — answers differ",
                shape.name(), start, answer.nodes(), shape.grpc().apply(start).nodes()));
      }
      if (shape.sql() != null) {
        long bySql = shape.sql().applyAsLong(start);
        long byCypher = shape.cypher().applyAsLong(start);
        if (bySql != answer.nodes() || byCypher != answer.nodes()) {
          report.problem(
              String.format(
                  "%s from %s: GraphQL (%s) %d nodes, recursive SQL %d, Cypher %d — answers differ",
                  shape.name(), start, answer.engine(), answer.nodes(), bySql, byCypher));
        }
      }
      expected.put(start, answer.nodes());
    }
    List<Runnable> engineCalls = new ArrayList<>();
    int[] round = {0};
    engineCalls.add(
        () -> {
          String start = startOf(shape, round[0]);
          long t = System.nanoTime();
          Answer answer = shape.graphql().apply(start);
          gq.add(System.nanoTime() - t);
          engines.add(answer.engine());
        });
    if (shape.grpc() != null) {
      engineCalls.add(
          () -> {
            String start = startOf(shape, round[0]);
            long t = System.nanoTime();
            consume(shape.grpc().apply(start).nodes());
            rpc.add(System.nanoTime() - t);
          });
    }
    if (shape.sql() != null) {
      engineCalls.add(
          () -> {
            String start = startOf(shape, round[0]);
            long t = System.nanoTime();
            consume(shape.sql().applyAsLong(start));
            sql.add(System.nanoTime() - t);
          });
      engineCalls.add(
          () -> {
            String start = startOf(shape, round[0]);
            long t = System.nanoTime();
            consume(shape.cypher().applyAsLong(start));
            cypher.add(System.nanoTime() - t);
          });
    }
    long budget = (long) (settings.secondsPerQuery() * engineCalls.size() * 1e9);
    Random shuffle = new Random(shape.name().hashCode());
    // Warm-up: a quarter of the budget (at least a few rounds) on every engine, discarded, so the
    // JIT and connection pools of each path are warm before any shape is timed.
    long warmEnd = System.nanoTime() + budget / WARMUP_SHARE;
    for (int warm = 0; warm < MIN_ROUNDS || System.nanoTime() < warmEnd; warm++) {
      Collections.shuffle(engineCalls, shuffle);
      engineCalls.forEach(Runnable::run);
      round[0]++;
    }
    gq.clear();
    rpc.clear();
    sql.clear();
    cypher.clear();
    round[0] = 0;
    long end = System.nanoTime() + budget;
    for (;
        round[0] < MAX_ROUNDS && (round[0] < MIN_ROUNDS || System.nanoTime() < end);
        round[0]++) {
      // Shuffled, so drift and each call's after-effects spread over the engines alike.
      Collections.shuffle(engineCalls, shuffle);
      engineCalls.forEach(Runnable::run);
    }
    long nodes = expected.values().stream().mapToLong(Long::longValue).max().orElse(0);
    return new Measured(shape.name(), gq, rpc, sql, cypher, engines, nodes);
  }

  /** The 5-hop upstream walk through GraphQL as two callers, timed in shuffled alternation. */
  record AccessCost(Samples anonymous, Samples token) {}

  /**
   * What identifying and authorising a caller costs a lineage query: the same 5-hop upstream walk
   * as the anonymous local admin (no credentials, no grants to look up) and as an API token holding
   * the reader role (token checked, roles looked up), rounds shuffled between the two.
   */
  AccessCost accessCost(Landmarks landmarks, GraphQlClient withToken) {
    List<String> starts = landmarks.upstreamStarts();
    Samples anonymous = new Samples();
    Samples token = new Samples();
    for (String start : starts) {
      long asAnonymous = walk(graphql, start, false, 5, FULL_PAGE, null, true).nodes();
      long asToken = walk(withToken, start, false, 5, FULL_PAGE, null, true).nodes();
      if (asAnonymous != asToken) {
        report.problem(
            String.format(
                "5-hop upstream from %s: %d nodes anonymously, %d with a reader token",
                start, asAnonymous, asToken));
      }
    }
    int[] round = {0};
    List<Runnable> calls = new ArrayList<>();
    calls.add(() -> timeWalk(graphql, starts.get(round[0] % starts.size()), anonymous));
    calls.add(() -> timeWalk(withToken, starts.get(round[0] % starts.size()), token));
    Random shuffle = new Random(42);
    long budget = (long) (settings.secondsPerQuery() * calls.size() * 1e9);
    long warmEnd = System.nanoTime() + budget / WARMUP_SHARE;
    for (int warm = 0; warm < MIN_ROUNDS || System.nanoTime() < warmEnd; warm++) {
      Collections.shuffle(calls, shuffle);
      calls.forEach(Runnable::run);
      round[0]++;
    }
    anonymous.clear();
    token.clear();
    long end = System.nanoTime() + budget;
    for (round[0] = 0;
        round[0] < MAX_ROUNDS && (round[0] < MIN_ROUNDS || System.nanoTime() < end);
        round[0]++) {
      Collections.shuffle(calls, shuffle);
      calls.forEach(Runnable::run);
    }
    return new AccessCost(anonymous, token);
  }

  private void timeWalk(GraphQlClient client, String start, Samples into) {
    long t = System.nanoTime();
    consume(walk(client, start, false, 5, FULL_PAGE, null, true).nodes());
    into.add(System.nanoTime() - t);
  }

  private void consume(long answer) {
    answersSeen += answer;
  }

  private static String startOf(Shape shape, int round) {
    return shape.starts().get(round % shape.starts().size());
  }

  /** A GraphQL lineage walk; with {@code all}, follows the cursor to the complete answer. */
  private Answer walk(
      String start, boolean downstream, int hops, int pageSize, String type, boolean all) {
    return walk(graphql, start, downstream, hops, pageSize, type, all);
  }

  private Answer walk(
      GraphQlClient client,
      String start,
      boolean downstream,
      int hops,
      int pageSize,
      String type,
      boolean all) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(start.startsWith("artifact:") ? "artifacts" : "executions", List.of(id(start)));
    variables.put("direction", downstream ? "DOWNSTREAM" : "UPSTREAM");
    variables.put("hops", hops);
    variables.put("first", pageSize);
    if (type != null) {
      variables.put("filter", Map.of("types", List.of(type)));
    }
    long nodes = 0;
    String engine = null;
    while (true) {
      JsonNode lineage = data(client, LINEAGE, variables).get("lineage");
      engine = lineage.get("answeredBy").get("engine").asText();
      for (JsonNode node : lineage.get("nodes")) {
        if (node.get("hops").asInt() > 0) {
          nodes++;
        }
      }
      if ("TIME_BUDGET".equals(lineage.get("truncation").asText())) {
        report.problem("lineage walk from " + start + " hit the server's time budget");
      }
      if (!all || !lineage.get("truncated").asBoolean() || lineage.get("nextCursor").isNull()) {
        return new Answer(nodes, engine);
      }
      variables.put("after", lineage.get("nextCursor").asText());
    }
  }

  /** The same walk through gRPC GetLineage, following page tokens to the complete answer. */
  private Answer grpcWalk(String start, boolean downstream, int hops) {
    long id = Long.parseLong(id(start));
    LineageStart.Builder from = LineageStart.newBuilder();
    if (start.startsWith("artifact:")) {
      from.addArtifactIds(id);
    } else {
      from.addExecutionIds(id);
    }
    GetLineageRequest.Builder request =
        GetLineageRequest.newBuilder()
            .setStart(from)
            .setDirection(downstream ? LineageDirection.DOWNSTREAM : LineageDirection.UPSTREAM)
            .setMaxHops(hops)
            .setPageSize(FULL_PAGE);
    long nodes = 0;
    while (true) {
      GetLineageResponse response =
          lineage.withDeadlineAfter(1, TimeUnit.MINUTES).getLineage(request.build());
      nodes += response.getNodesList().stream().filter(n -> n.getHops() > 0).count();
      if (!response.getTruncated() || response.getNextPageToken().isEmpty()) {
        return new Answer(nodes, response.getAnsweredBy().getEngine());
      }
      request.setPageToken(response.getNextPageToken());
    }
  }

  private Answer deployImpact(String start) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("artifacts", List.of(id(start)));
    variables.put("hops", 10);
    variables.put("types", List.of("Deploy"));
    JsonNode impact = data(IMPACT, variables).get("impact");
    if (impact.get("truncated").asBoolean()) {
      report.problem("impact of " + start + " filtered to Deploy was truncated");
    }
    return new Answer(
        impact.get("total").asLong(), impact.get("answeredBy").get("engine").asText());
  }

  private JsonNode data(String query, Map<String, Object> variables) {
    return data(graphql, query, variables);
  }

  private JsonNode data(GraphQlClient client, String query, Map<String, Object> variables) {
    JsonNode response = client.post(query, variables);
    if (response.hasNonNull("errors")) {
      throw new IllegalStateException("GraphQL errors: " + response.get("errors"));
    }
    return response.get("data");
  }

  private static String id(String key) {
    return key.substring(key.indexOf(':') + 1);
  }
}
