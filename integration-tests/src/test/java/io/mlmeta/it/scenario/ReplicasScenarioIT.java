package io.mlmeta.it.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.StatusRuntimeException;
import io.mlmeta.it.support.FreePorts;
import io.mlmeta.it.support.InProcessNeo4j;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.it.support.TemporaryDirectories;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.proto.v1.CheckMirrorRequest;
import io.mlmeta.proto.v1.CheckMirrorResponse;
import io.mlmeta.proto.v1.CreateArtifactRequest;
import io.mlmeta.proto.v1.EventType;
import io.mlmeta.proto.v1.Execution;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.GetLineageRequest;
import io.mlmeta.proto.v1.GetLineageResponse;
import io.mlmeta.proto.v1.GetMirrorStatusRequest;
import io.mlmeta.proto.v1.LineageDirection;
import io.mlmeta.proto.v1.LineageEdge;
import io.mlmeta.proto.v1.LineageNode;
import io.mlmeta.proto.v1.LineageStart;
import io.mlmeta.proto.v1.ListExecutionsRequest;
import io.mlmeta.proto.v1.ListExecutionsResponse;
import io.mlmeta.proto.v1.MirrorStatus;
import io.mlmeta.proto.v1.ReadOptions;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.neo4j.dbms.api.DatabaseManagementService;

/**
 * Three replicas of the packaged server on one PostgreSQL and one Neo4j, as the prod overlay runs
 * them behind its HPA: a write through any replica is read through the others with its lineage
 * position, page tokens of one replica continue on another, the replica projecting the outbox to
 * Neo4j is killed with SIGKILL and another takes over within seconds while writes go on, and in the
 * end the mirror matches the store and no acknowledged write is missing.
 */
class ReplicasScenarioIT {

  private static final int REPLICAS = 3;
  private static final int ROUNDS = 4;
  private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);
  private static final Duration CEILING = Duration.ofSeconds(90);
  private static final Pattern LEADER_GAUGE =
      Pattern.compile("^mlmeta_lineage_mirror_leader(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
  private static final Pattern INDEX_READY_GAUGE =
      Pattern.compile("^mlmeta_lineage_index_ready(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

  /** Which engine answered the lineage reads, and why, for the test output. */
  private final Map<String, Integer> answeredBy = new TreeMap<>();

  @Test
  void threeReplicasShareTheStoreTheMirrorAndTheProjectorsLeadership() throws Exception {
    Path neo4jData = Files.createTempDirectory("mlmeta-it-neo4j-");
    List<Replica> replicas = new ArrayList<>();
    EmbeddedPostgres postgres = null;
    DatabaseManagementService neo4j = null;
    try {
      // Durable like a production database: the library's test defaults acknowledge commits
      // before they are flushed, which would weaken "no acknowledged write is lost".
      postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .start();
      int boltPort = FreePorts.any();
      neo4j = InProcessNeo4j.start(neo4jData, boltPort);
      Map<String, String> environment =
          Map.of(
              "MLMETA_DB_URL",
              postgres.getJdbcUrl("postgres", "postgres"),
              "MLMETA_DB_USER",
              "postgres",
              "MLMETA_DB_PASSWORD",
              "postgres",
              "MLMETA_NEO4J_URI",
              "bolt://127.0.0.1:" + boltPort);
      startTogether(environment, replicas);
      for (Replica replica : replicas) {
        await("index of " + replica)
            .atMost(CEILING)
            .until(() -> gauge(replica, INDEX_READY_GAUGE) == 1.0);
      }
      Map<String, Long> written = new ConcurrentHashMap<>();

      String ws = replicas.get(0).platform.newWorkspace("replicas");
      long hub = dataset(replicas.get(0).platform, ws, "shared-features");
      for (int round = 0; round < ROUNDS; round++) {
        for (Replica writer : replicas) {
          String id = writer.name + "-round-" + round;
          RecordExecutionResponse write = train(writer.platform, ws, hub, id);
          written.put(id, write.getExecution().getId());
          for (Replica reader : replicas) {
            if (reader != writer) {
              assertReadsOwnWrite(reader, hub, write, "");
              assertReadsOwnWrite(reader, hub, write, "neo4j");
            }
          }
        }
      }

      assertExecutionPagesContinueOnAnyReplica(replicas, ws);
      assertLineagePagesContinueOnAnyReplica(replicas, hub);

      Replica leader = onlyLeader(replicas);
      for (Replica replica : replicas) {
        assertThat(gauge(replica, LEADER_GAUGE))
            .as("mlmeta_lineage_mirror_leader of %s (leader %s)", replica, leader)
            .isEqualTo(replica == leader ? 1.0 : 0.0);
      }
      awaitMirrorCaughtUp(leader);
      List<Replica> survivors = replicas.stream().filter(r -> r != leader).toList();
      long takeoverHub = dataset(survivors.get(0).platform, ws, "takeover-features");
      Takeover takeover = killLeaderWhileWriting(leader, survivors, ws, takeoverHub, written);
      System.out.printf(
          "replicas: leader takeover %.1f s (%s killed, %s took over); mirror caught up with a"
              + " write after the takeover %.1f s after the kill; %d writes through the survivors"
              + " meanwhile, 0 failed%n",
          takeover.leaderAfter().toMillis() / 1000.0,
          leader,
          takeover.newLeader(),
          takeover.caughtUpAfter().toMillis() / 1000.0,
          takeover.writes());
      assertThat(takeover.leaderAfter()).isLessThanOrEqualTo(TAKEOVER_BOUND);
      assertThat(takeover.caughtUpAfter()).isLessThanOrEqualTo(TAKEOVER_BOUND);

      // The killed replica comes back as a pod would: it stands by and answers at once.
      leader.server.startAgain();
      leader.reconnect();
      await("index of " + leader)
          .atMost(CEILING)
          .until(() -> gauge(leader, INDEX_READY_GAUGE) == 1.0);
      assertThat(onlyLeader(replicas)).isSameAs(takeover.newLeader());
      for (Replica writer : survivors) {
        String id = writer.name + "-after-restart";
        RecordExecutionResponse write = train(writer.platform, ws, takeoverHub, id);
        written.put(id, write.getExecution().getId());
        assertReadsOwnWrite(leader, takeoverHub, write, "");
        assertReadsOwnWrite(leader, takeoverHub, write, "neo4j");
      }

      for (Replica replica : replicas) {
        awaitMirrorCaughtUp(replica);
        CheckMirrorResponse check =
            replica.platform.admin().checkMirror(CheckMirrorRequest.getDefaultInstance());
        assertThat(check.getConsistent()).as("%s: %s", replica, check).isTrue();
        assertThat(
                check.getMissingNodes()
                    + check.getExtraNodes()
                    + check.getDifferentNodes()
                    + check.getMissingEdges()
                    + check.getExtraEdges())
            .as("%s: %s", replica, check)
            .isZero();
        assertThat(check.getMirrorNodes()).isEqualTo(check.getStoreNodes());
        assertThat(check.getMirrorEdges()).isEqualTo(check.getStoreEdges());
        System.out.printf(
            "replicas: mirror check through %s: %d nodes, %d edges, 0 differences%n",
            replica, check.getStoreNodes(), check.getStoreEdges());
      }

      List<Execution> listed = listAcrossReplicas(replicas, ws, 50);
      Map<String, Long> listedIds = new TreeMap<>();
      listed.forEach(e -> listedIds.put(e.getExternalId(), e.getId()));
      assertThat(listedIds).as("executions listed once each").hasSize(listed.size());
      assertThat(listedIds).containsExactlyInAnyOrderEntriesOf(written);
      System.out.printf(
          "replicas: %d executions acknowledged through %d replicas, %d listed, 0 lost, 0"
              + " doubled; lineage reads answered by %s%n",
          written.size(), REPLICAS, listed.size(), answeredBy);
    } finally {
      for (Replica replica : replicas) {
        replica.close();
      }
      if (neo4j != null) {
        neo4j.shutdown();
      }
      if (postgres != null) {
        postgres.close();
      }
      TemporaryDirectories.delete(neo4jData);
    }
  }

  /** The measured takeover: from the kill to a new leader, and to the mirror holding new writes. */
  private record Takeover(
      Replica newLeader, Duration leaderAfter, Duration caughtUpAfter, int writes) {}

  /**
   * Kills the projecting replica's server JVM with SIGKILL while one client per survivor keeps
   * writing, and measures how long until a survivor projects and the mirror holds a write made
   * after the takeover. Every write through a survivor must succeed meanwhile: writes never wait
   * for the mirror.
   */
  private Takeover killLeaderWhileWriting(
      Replica leader, List<Replica> survivors, String ws, long hub, Map<String, Long> written)
      throws Exception {
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    List<String> failures = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(survivors.size());
    List<Future<?>> writers = new ArrayList<>();
    try {
      for (Replica survivor : survivors) {
        writers.add(
            pool.submit(
                () -> {
                  for (int n = 0; !stop.get(); n++) {
                    String id = survivor.name + "-takeover-" + n;
                    try {
                      RecordExecutionResponse write = train(survivor.platform, ws, hub, id);
                      acknowledged.put(id, write.getExecution().getId());
                    } catch (StatusRuntimeException e) {
                      synchronized (failures) {
                        failures.add(id + ": " + e.getStatus());
                      }
                    }
                    // Steady traffic: a flood would measure the machine rather than the takeover.
                    pause(Duration.ofMillis(50));
                  }
                  return null;
                }));
      }
      await().atMost(CEILING).until(() -> acknowledged.size() >= 10);

      ProcessHandle serverJvm = leader.server.serverJvm();
      Instant killed = Instant.now();
      assertThat(serverJvm.destroyForcibly()).as("SIGKILL sent to %s", leader).isTrue();
      serverJvm.onExit().get(30, TimeUnit.SECONDS);
      leader.disconnect();

      AtomicReference<Replica> newLeader = new AtomicReference<>();
      AtomicReference<Instant> tookOver = new AtomicReference<>();
      await("a survivor projects")
          .atMost(CEILING)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                List<Replica> leaders = leaders(survivors);
                assertThat(leaders).as("replicas projecting at once").hasSizeLessThanOrEqualTo(1);
                if (leaders.isEmpty()) {
                  return false;
                }
                tookOver.set(Instant.now());
                newLeader.set(leaders.get(0));
                return true;
              });
      Replica standby =
          survivors.stream().filter(r -> r != newLeader.get()).findFirst().orElseThrow();
      RecordExecutionResponse marker =
          train(standby.platform, ws, hub, standby.name + "-after-takeover");
      written.put(standby.name + "-after-takeover", marker.getExecution().getId());
      AtomicReference<Instant> caughtUp = new AtomicReference<>();
      await("the mirror holds a write made after the takeover")
          .atMost(CEILING)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                if (status(newLeader.get()).getMirrorPosition() < marker.getLineagePosition()) {
                  return false;
                }
                caughtUp.set(Instant.now());
                return true;
              });
      assertReadsOwnWrite(newLeader.get(), hub, marker, "neo4j");

      stop.set(true);
      for (Future<?> writer : writers) {
        writer.get(2, TimeUnit.MINUTES);
      }
      synchronized (failures) {
        assertThat(failures).as("writes through the survivors during the takeover").isEmpty();
      }
      written.putAll(acknowledged);
      return new Takeover(
          newLeader.get(),
          Duration.between(killed, tookOver.get()),
          Duration.between(killed, caughtUp.get()),
          acknowledged.size());
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }

  /**
   * Continues a page of executions listed through one replica on the next, round robin, and expects
   * exactly the one-page listing.
   */
  private static void assertExecutionPagesContinueOnAnyReplica(List<Replica> replicas, String ws) {
    List<Execution> whole =
        replicas
            .get(0)
            .platform
            .metadata()
            .listExecutions(
                ListExecutionsRequest.newBuilder().setWorkspace(ws).setPageSize(1000).build())
            .getExecutionsList();
    List<Execution> paged = listAcrossReplicas(replicas, ws, 2);
    assertThat(paged).hasSize(REPLICAS * ROUNDS).containsExactlyElementsOf(whole);
  }

  private static List<Execution> listAcrossReplicas(List<Replica> replicas, String ws, int size) {
    List<Execution> listed = new ArrayList<>();
    String token = "";
    int page = 0;
    do {
      ListExecutionsResponse response =
          replicas
              .get(page++ % replicas.size())
              .platform
              .metadata()
              .listExecutions(
                  ListExecutionsRequest.newBuilder()
                      .setWorkspace(ws)
                      .setPageSize(size)
                      .setPageToken(token)
                      .build());
      listed.addAll(response.getExecutionsList());
      token = response.getNextPageToken();
    } while (!token.isEmpty());
    return listed;
  }

  /** The same for a lineage walk: its cursor, issued by one replica, continues on another. */
  private void assertLineagePagesContinueOnAnyReplica(List<Replica> replicas, long hub) {
    GetLineageResponse whole = downstream(replicas.get(0), hub, 1000, "");
    List<String> paged = new ArrayList<>();
    String token = "";
    int page = 0;
    do {
      GetLineageResponse response =
          downstream(replicas.get(page++ % replicas.size()), hub, 4, token);
      response.getNodesList().forEach(node -> paged.add(node.getKey() + "@" + node.getHops()));
      token = response.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(page).isGreaterThan(REPLICAS);
    assertThat(paged)
        .containsExactlyElementsOf(
            whole.getNodesList().stream()
                .map(node -> node.getKey() + "@" + node.getHops())
                .toList())
        .hasSize(1 + 2 * REPLICAS * ROUNDS);
  }

  /**
   * Asks {@code reader} for the lineage one hop around the write's execution at the write's
   * position and expects the hub dataset, the model and both edges, whichever engine answered.
   */
  private void assertReadsOwnWrite(
      Replica reader, long hub, RecordExecutionResponse write, String engine) {
    GetLineageResponse answer =
        reader
            .platform
            .lineage()
            .getLineage(
                GetLineageRequest.newBuilder()
                    .setStart(
                        LineageStart.newBuilder().addExecutionIds(write.getExecution().getId()))
                    .setDirection(LineageDirection.BOTH)
                    .setMaxHops(1)
                    .setRead(
                        ReadOptions.newBuilder()
                            .setEngine(engine)
                            .setMinPosition(write.getLineagePosition()))
                    .build());
    String execution = "execution:" + write.getExecution().getId();
    String model = "artifact:" + write.getOutputs(0).getId();
    String description =
        String.format(
            "%s asked for position %d with engine '%s', answered %s",
            reader, write.getLineagePosition(), engine, answer.getAnsweredBy());
    assertThat(answer.getNodesList().stream().map(LineageNode::getKey))
        .as(description)
        .containsExactlyInAnyOrder("artifact:" + hub, execution, model);
    assertThat(answer.getEdgesList())
        .as(description)
        .containsExactlyInAnyOrder(
            LineageEdge.newBuilder()
                .setFrom("artifact:" + hub)
                .setTo(execution)
                .setType(EventType.INPUT)
                .build(),
            LineageEdge.newBuilder()
                .setFrom(execution)
                .setTo(model)
                .setType(EventType.OUTPUT)
                .build());
    String answered = answer.getAnsweredBy().getEngine();
    String reason = answer.getAnsweredBy().getReason();
    if (engine.isEmpty()) {
      assertThat(answered).as("the index answers: %s", description).isEqualTo("memory");
    } else {
      // The mirror answers once it holds the write; until then PostgreSQL answers and says why.
      assertThat(answered + ": " + reason)
          .as(description)
          .isIn("neo4j: requested", "postgres: neo4j mirror behind");
    }
    synchronized (answeredBy) {
      answeredBy.merge(answered + " (" + reason + ")", 1, Integer::sum);
    }
  }

  private static GetLineageResponse downstream(
      Replica reader, long hub, int pageSize, String token) {
    return reader
        .platform
        .lineage()
        .getLineage(
            GetLineageRequest.newBuilder()
                .setStart(LineageStart.newBuilder().addArtifactIds(hub))
                .setDirection(LineageDirection.DOWNSTREAM)
                .setMaxHops(2)
                .setPageSize(pageSize)
                .setPageToken(token)
                .build());
  }

  /** A training run through {@code platform}: reads the hub dataset, writes a new model. */
  private static RecordExecutionResponse train(
      Platform platform, String ws, long hub, String externalId) {
    return platform
        .metadata()
        .recordExecution(
            RecordExecutionRequest.newBuilder()
                .setWorkspace(ws)
                .setExecution(
                    ExecutionSpec.newBuilder()
                        .setType("Train")
                        .setName(externalId)
                        .setExternalId(externalId))
                .addInputs(ArtifactLink.newBuilder().setArtifactId(hub))
                .addOutputs(
                    Scenarios.newArtifact(
                        "Model",
                        Map.of(
                            "uri",
                            "s3://models/" + externalId,
                            "name",
                            "model",
                            "version",
                            externalId)))
                .build());
  }

  private static long dataset(Platform platform, String ws, String name) {
    return platform
        .metadata()
        .createArtifact(
            CreateArtifactRequest.newBuilder()
                .setWorkspace(ws)
                .setArtifact(
                    ArtifactSpec.newBuilder()
                        .setType("Dataset")
                        .setProperties(
                            Platform.struct(
                                Map.of(
                                    "uri",
                                    "s3://datasets/" + name,
                                    "name",
                                    name,
                                    "version",
                                    "v1",
                                    "owner",
                                    "data-team@example.org"))))
                .build())
        .getId();
  }

  /** The one replica that projects, once exactly one does. */
  private static Replica onlyLeader(List<Replica> replicas) {
    AtomicReference<List<Replica>> leaders = new AtomicReference<>();
    await("exactly one replica projects")
        .atMost(CEILING)
        .until(
            () -> {
              leaders.set(leaders(replicas));
              return leaders.get().size() == 1;
            });
    return leaders.get().get(0);
  }

  private static List<Replica> leaders(List<Replica> replicas) {
    return replicas.stream().filter(replica -> status(replica).getLeader()).toList();
  }

  private static void awaitMirrorCaughtUp(Replica replica) {
    await("the mirror has applied the whole outbox, as " + replica + " sees it")
        .atMost(CEILING)
        .until(
            () -> {
              MirrorStatus status = status(replica);
              return status.getReachable() && status.getLagRows() == 0;
            });
  }

  private static MirrorStatus status(Replica replica) {
    return replica.platform.admin().getMirrorStatus(GetMirrorStatusRequest.getDefaultInstance());
  }

  /** A gauge's value from the replica's Prometheus endpoint. */
  private static double gauge(Replica replica, Pattern gauge) throws Exception {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(replica.server.httpUrl() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    Matcher value = gauge.matcher(metrics.body());
    assertThat(value.find()).as("%s in /q/metrics of %s", gauge, replica).isTrue();
    return Double.parseDouble(value.group(1));
  }

  /**
   * Starts the replicas at the same time, as a deployment's pods start: their migrations and their
   * bids for the projector's lock meet on the one database.
   */
  private static void startTogether(Map<String, String> environment, List<Replica> replicas)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(REPLICAS);
    try {
      List<Future<PackagedServer>> starting = new ArrayList<>();
      for (int i = 0; i < REPLICAS; i++) {
        starting.add(pool.submit(() -> PackagedServer.start(environment)));
      }
      List<Throwable> failures = new ArrayList<>();
      for (int i = 0; i < REPLICAS; i++) {
        try {
          replicas.add(new Replica("replica-" + (i + 1), starting.get(i).get()));
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      if (!failures.isEmpty()) {
        IllegalStateException failed = new IllegalStateException("replicas did not start");
        failures.forEach(failed::addSuppressed);
        throw failed;
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void pause(Duration duration) {
    try {
      TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One replica: its packaged server and a client connected to it. */
  private static final class Replica implements AutoCloseable {

    private final String name;
    private final PackagedServer server;
    private Platform platform;

    Replica(String name, PackagedServer server) {
      this.name = name;
      this.server = server;
      this.platform = new Platform(server);
    }

    /** A new channel, for a server started again on the same port. */
    void reconnect() {
      platform.close();
      platform = new Platform(server);
    }

    void disconnect() {
      platform.close();
    }

    @Override
    public void close() {
      platform.close();
      server.close();
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
