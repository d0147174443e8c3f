package io.mlmeta.it.benchmark;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.ExecutionState;
import io.mlmeta.proto.v1.GetMirrorStatusRequest;
import io.mlmeta.proto.v1.LineageAdminServiceGrpc;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.RecordExecutionsRequest;
import io.mlmeta.proto.v1.RecordExecutionsResponse;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.lineage.MirrorRebuild;
import io.mlmeta.sdk.lineage.MirrorStatus;
import io.mlmeta.sdk.model.Artifact;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.neo4j.driver.Session;

/**
 * The Neo4j mirror: how fast the projector keeps up with the bulk load, a full rebuild against a
 * bare UNWIND MERGE of the same nodes and edges, and the lag from a write's commit to its
 * visibility in the mirror under sustained ingest.
 */
final class MirrorSection {

  static final int MERGE_BATCH = 5_000;
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final int EDGES_PER_RECORD = 3;
  private static final int IN_FLIGHT = 8;

  private static final String MERGE_NODES =
      """
      UNWIND $rows AS row
      MERGE (n:BenchNode {key: row.key})
      SET n.id = row.id, n.workspaceId = row.workspaceId, n.typeName = row.typeName,
          n.state = row.state, n.name = row.name, n.uri = row.uri, n.createTime = row.createTime
      """;

  // One relationship type per event type, as the mirror has.
  private static final String MERGE_EDGES_TEMPLATE =
      """
      UNWIND $rows AS row
      MATCH (a:BenchNode {key: row.from})
      MATCH (b:BenchNode {key: row.to})
      MERGE (a)-[r:%s]->(b)
      SET r.time = row.time
      """;

  /** The bare UNWIND MERGE of every node and edge. */
  record BareMerge(long nodes, long edges, long nanos) {
    double perSecond() {
      return (nodes + edges) / (nanos / 1e9);
    }
  }

  /** Commit-to-visibility lags under sustained ingest. */
  record Lag(Samples lags, double edgesPerSecond, double seconds, double peakRssMib) {}

  private final Store store;
  private final BareTraversals bare;

  MirrorSection(Store store, BareTraversals bare) {
    this.store = store;
    this.bare = bare;
  }

  /** Waits until the mirror has applied every write; returns when, in System.nanoTime(). */
  long awaitCaughtUp() {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    while (System.nanoTime() < deadline) {
      MirrorStatus status = store.mirrorStatus();
      if (status.lagRows() == 0 && status.mirrorPosition() >= status.latestPosition()) {
        return System.nanoTime();
      }
      sleepMillis(20);
    }
    throw new IllegalStateException("the Neo4j mirror did not catch up within 30 minutes");
  }

  MirrorRebuild rebuild() {
    return store.rebuildMirror();
  }

  /**
   * Every node and edge of the store, MERGEd with the driver into the scratch label {@code
   * BenchNode} (with a uniqueness constraint on its key, as the mirror has) in batches of {@value
   * #MERGE_BATCH}, then deleted.
   */
  BareMerge bareMerge() throws SQLException {
    List<Map<String, Object>> nodes = new ArrayList<>();
    List<Map<String, Object>> inputs = new ArrayList<>();
    List<Map<String, Object>> outputs = new ArrayList<>();
    try (Statement statement = bare.connection().createStatement()) {
      statement.setFetchSize(10_000);
      readNodes(
          statement,
          "SELECT a.id, a.workspace_id, t.name, a.state, a.name, a.uri, a.create_time::text"
              + " FROM artifact a JOIN metadata_type t ON t.id = a.type_id",
          "artifact:",
          nodes);
      readNodes(
          statement,
          "SELECT x.id, x.workspace_id, t.name, x.state, x.name, NULL, x.create_time::text"
              + " FROM execution x JOIN metadata_type t ON t.id = x.type_id",
          "execution:",
          nodes);
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT artifact_id, execution_id, type, event_time::text FROM event")) {
        while (rs.next()) {
          boolean input = "INPUT".equals(rs.getString(3));
          String artifact = "artifact:" + rs.getLong(1);
          String execution = "execution:" + rs.getLong(2);
          Map<String, Object> edge = new HashMap<>();
          edge.put("from", input ? artifact : execution);
          edge.put("to", input ? execution : artifact);
          edge.put("time", rs.getString(4));
          (input ? inputs : outputs).add(edge);
        }
      }
    }
    Session session = bare.session();
    session
        .run(
            "CREATE CONSTRAINT bench_node_key IF NOT EXISTS FOR (n:BenchNode) REQUIRE n.key IS"
                + " UNIQUE")
        .consume();
    session.run("CALL db.awaitIndexes(300)").consume();
    try {
      long start = System.nanoTime();
      mergeInBatches(session, MERGE_NODES, nodes);
      mergeInBatches(session, MERGE_EDGES_TEMPLATE.formatted("BENCH_INPUT"), inputs);
      mergeInBatches(session, MERGE_EDGES_TEMPLATE.formatted("BENCH_OUTPUT"), outputs);
      return new BareMerge(nodes.size(), inputs.size() + outputs.size(), System.nanoTime() - start);
    } finally {
      // Edges first, in batches: a gold dataset's tens of thousands of edges deleted together with
      // other nodes would exceed the embedded Neo4j's bounded transaction memory.
      deleteInBatches(
          session, "MATCH (:BenchNode)-[r]->() WITH r LIMIT 10000 DELETE r RETURN count(*) AS d");
      deleteInBatches(
          session, "MATCH (n:BenchNode) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS d");
      session.run("DROP CONSTRAINT bench_node_key IF EXISTS").consume();
    }
  }

  private static void deleteInBatches(Session session, String cypher) {
    long deleted;
    do {
      deleted = session.run(cypher).single().get("d").asLong();
    } while (deleted > 0);
  }

  private static void mergeInBatches(
      Session session, String cypher, List<Map<String, Object>> rows) {
    for (int from = 0; from < rows.size(); from += MERGE_BATCH) {
      List<Map<String, Object>> batch =
          rows.subList(from, Math.min(rows.size(), from + MERGE_BATCH));
      session.executeWrite(tx -> tx.run(cypher, Map.of("rows", batch)).consume());
    }
  }

  private static void readNodes(
      Statement statement, String sql, String prefix, List<Map<String, Object>> nodes)
      throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        Map<String, Object> node = new HashMap<>();
        node.put("key", prefix + rs.getLong(1));
        node.put("id", rs.getLong(1));
        node.put("workspaceId", rs.getLong(2));
        node.put("typeName", rs.getString(3));
        node.put("state", rs.getString(4));
        node.put("name", rs.getString(5));
        node.put("uri", rs.getString(6));
        node.put("createTime", rs.getString(7));
        nodes.add(node);
      }
    }
  }

  /**
   * Writes about {@code edgesPerSecond} lineage edges a second for {@code seconds}: one
   * RecordExecutions call every 50 ms, sent without waiting for the previous one (at most {@value
   * #IN_FLIGHT} in flight), while another thread polls GetMirrorStatus every 5 ms. A write's lag is
   * the time from its response to the first status whose mirror position covers the write's lineage
   * position.
   */
  Lag lag(
      ManagedChannel channel,
      String workspace,
      int seconds,
      int edgesPerSecond,
      ProcessMemory memory) {
    Workspace ws = Workspace.create(store, workspace);
    List<Artifact> datasets = IngestSection.datasetPool(store, ws, "lag");
    MetadataServiceGrpc.MetadataServiceStub metadata = MetadataServiceGrpc.newStub(channel);
    LineageAdminServiceGrpc.LineageAdminServiceBlockingStub admin =
        LineageAdminServiceGrpc.newBlockingStub(channel);
    record Write(long position, long committedAt) {}
    List<Write> pending = new ArrayList<>();
    Samples lags = new Samples();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong edges = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread poller =
        new Thread(
            () -> {
              while (writing.get() || !isEmpty(pending)) {
                long mirrored =
                    admin
                        .getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance())
                        .getMirrorPosition();
                long now = System.nanoTime();
                synchronized (pending) {
                  pending.removeIf(
                      write -> {
                        if (write.position() > mirrored) {
                          return false;
                        }
                        lags.add(now - write.committedAt());
                        return true;
                      });
                }
                sleepMillis(5);
              }
            },
            "mirror-lag-poller");
    int recordsPerTick =
        Math.max(1, (int) Math.round(edgesPerSecond * (TICK_NANOS / 1e9) / EDGES_PER_RECORD));
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    Random random = new Random(99);
    long start;
    long end;
    double peak;
    try (ProcessMemory.Peak rss = memory.watchPeak()) {
      poller.start();
      start = System.nanoTime();
      long stopAt = start + TimeUnit.SECONDS.toNanos(seconds);
      for (int tick = 0; System.nanoTime() < stopAt && failure.get() == null; tick++) {
        long wait = start + tick * TICK_NANOS - System.nanoTime();
        if (wait > 0) {
          sleepMillis(TimeUnit.NANOSECONDS.toMillis(wait));
        }
        RecordExecutionsRequest.Builder batch = RecordExecutionsRequest.newBuilder();
        for (int r = 0; r < recordsPerTick; r++) {
          String name = "lag-" + tick + "-" + r;
          batch.addExecutions(
              RecordExecutionRequest.newBuilder()
                  .setWorkspace(workspace)
                  .setExecution(
                      ExecutionSpec.newBuilder()
                          .setType("Train")
                          .setName(name)
                          .setState(ExecutionState.COMPLETE))
                  .addInputs(existing(datasets.get(random.nextInt(datasets.size()))))
                  .addInputs(existing(datasets.get(random.nextInt(datasets.size()))))
                  .addOutputs(newModel(name)));
        }
        inFlight.acquireUninterruptibly();
        metadata
            .withDeadlineAfter(1, TimeUnit.MINUTES)
            .recordExecutions(
                batch.build(),
                new StreamObserver<>() {
                  @Override
                  public void onNext(RecordExecutionsResponse response) {
                    long committed = System.nanoTime();
                    long position = 0;
                    for (RecordExecutionResponse result : response.getResultsList()) {
                      position = Math.max(position, result.getLineagePosition());
                      edges.addAndGet(result.getInputsCount() + result.getOutputsCount());
                    }
                    synchronized (pending) {
                      pending.add(new Write(position, committed));
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    failure.set(t);
                    inFlight.release();
                  }

                  @Override
                  public void onCompleted() {
                    inFlight.release();
                  }
                });
      }
      inFlight.acquireUninterruptibly(IN_FLIGHT);
      end = System.nanoTime();
      writing.set(false);
      try {
        poller.join(TimeUnit.MINUTES.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      peak = rss.peakMib();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a write of the lag run failed", failure.get());
    }
    return new Lag(lags, edges.get() / ((end - start) / 1e9), (end - start) / 1e9, peak);
  }

  private static boolean isEmpty(List<?> pending) {
    synchronized (pending) {
      return pending.isEmpty();
    }
  }

  private static ArtifactLink existing(Artifact artifact) {
    return ArtifactLink.newBuilder().setArtifactId(artifact.id()).build();
  }

  private static ArtifactLink newModel(String name) {
    Struct properties =
        Struct.newBuilder()
            .putFields("name", Value.newBuilder().setStringValue("model-" + name).build())
            .putFields("uri", Value.newBuilder().setStringValue("s3://models/" + name).build())
            .build();
    return ArtifactLink.newBuilder()
        .setNewArtifact(ArtifactSpec.newBuilder().setType("Model").setProperties(properties))
        .build();
  }

  private static void sleepMillis(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
