package io.mlmeta.server.api;

import static io.mlmeta.server.support.Protos.dataset;
import static io.mlmeta.server.support.Protos.execution;
import static io.mlmeta.server.support.Protos.model;
import static io.mlmeta.server.support.Protos.newArtifact;
import static io.mlmeta.server.support.Protos.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.proto.v1.Artifact;
import io.mlmeta.proto.v1.ArtifactFilter;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ContextSpec;
import io.mlmeta.proto.v1.CreateContextRequest;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.Event;
import io.mlmeta.proto.v1.ExecutionFilter;
import io.mlmeta.proto.v1.ListArtifactsRequest;
import io.mlmeta.proto.v1.ListEventsRequest;
import io.mlmeta.proto.v1.ListExecutionsRequest;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.RecordExecutionsRequest;
import io.mlmeta.server.support.Grpc;
import io.mlmeta.server.support.Names;
import io.mlmeta.server.support.Neo4jResource;
import io.mlmeta.server.support.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The idempotency rule under concurrent and repeated clients: an identity (an execution's external
 * id, a reused data set's uri, name and version, a context's name) is created once however many
 * clients race to create it, and recording an execution again returns what is stored and adds
 * nothing.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(Neo4jResource.class)
class IdempotencyTest {

  private static final int CLIENTS = 8;
  private static final int ROUNDS = 3;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(CLIENTS);

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  private static String workspace() {
    String name = Names.unique("idem");
    Grpc.stub().createWorkspace(CreateWorkspaceRequest.newBuilder().setName(name).build());
    return name;
  }

  /** Runs {@code call} from {@link #CLIENTS} threads released at the same instant. */
  private static <T> List<T> concurrently(IntFunction<T> call) throws Exception {
    CyclicBarrier start = new CyclicBarrier(CLIENTS);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      int client = i;
      futures.add(
          POOL.submit(
              () -> {
                start.await();
                return call.apply(client);
              }));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    return results;
  }

  private static ArtifactLink reused(Map<String, ?> properties) {
    ArtifactLink link = newArtifact("Dataset", properties);
    return link.toBuilder().setReuseIfExists(true).build();
  }

  private static List<Artifact> artifactsWithUri(String ws, String uri) {
    return Grpc.stub()
        .listArtifacts(
            ListArtifactsRequest.newBuilder()
                .setWorkspace(ws)
                .setFilter(ArtifactFilter.newBuilder().setUri(uri))
                .build())
        .getArtifactsList();
  }

  private static List<Event> eventsOf(long executionId) {
    return Grpc.stub()
        .listEvents(ListEventsRequest.newBuilder().setExecutionId(executionId).build())
        .getEventsList();
  }

  @Test
  void concurrentFirstWritesOfAReusedDatasetCreateItOnce() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String ws = workspace();
      String uri = "s3://x/" + Names.unique("data");
      Map<String, Object> data = Map.of("uri", uri, "name", "x", "version", "v1");
      List<RecordExecutionResponse> responses =
          concurrently(
              client ->
                  Grpc.stub()
                      .recordExecution(
                          RecordExecutionRequest.newBuilder()
                              .setWorkspace(ws)
                              .setExecution(
                                  execution("Train", "train-" + client).toBuilder()
                                      .setExternalId("train-" + client))
                              .addInputs(reused(data))
                              .build()));

      assertThat(artifactsWithUri(ws, uri)).hasSize(1);
      long datasetId = artifactsWithUri(ws, uri).get(0).getId();
      assertThat(responses)
          .allSatisfy(r -> assertThat(r.getInputs(0).getId()).isEqualTo(datasetId));
    }
  }

  @Test
  void concurrentFirstWritesOfOneExecutionWriteItOnceWithItsOutputs() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String ws = workspace();
      String externalId = Names.unique("trial");
      String modelUri = "gcs://models/" + externalId;
      Map<String, Object> outputModel = new java.util.HashMap<>(model("m"));
      outputModel.put("uri", modelUri);
      RecordExecutionRequest request =
          RecordExecutionRequest.newBuilder()
              .setWorkspace(ws)
              .setExecution(execution("Train", "trial").toBuilder().setExternalId(externalId))
              .addInputs(reused(dataset(externalId)))
              .addOutputs(newArtifact("Model", outputModel))
              .addContexts(run("run-" + externalId))
              .build();

      List<RecordExecutionResponse> responses =
          concurrently(client -> Grpc.stub().recordExecution(request));

      RecordExecutionResponse first = responses.get(0);
      assertThat(responses).allSatisfy(r -> assertThat(r).isEqualTo(withoutPosition(r, first)));
      assertThat(artifactsWithUri(ws, modelUri)).hasSize(1);
      assertThat(eventsOf(first.getExecution().getId())).hasSize(2);
      assertThat(
              Grpc.stub()
                  .listExecutions(
                      ListExecutionsRequest.newBuilder()
                          .setWorkspace(ws)
                          .setFilter(ExecutionFilter.newBuilder().setExternalId(externalId))
                          .build())
                  .getExecutionsList())
          .hasSize(1);
    }
  }

  /** {@code expected} with {@code actual}'s lineage position: the rest must be equal. */
  private static RecordExecutionResponse withoutPosition(
      RecordExecutionResponse actual, RecordExecutionResponse expected) {
    return expected.toBuilder().setLineagePosition(actual.getLineagePosition()).build();
  }

  @Test
  void rerunningAnExecutionReturnsWhatIsStoredAndAddsNothing() {
    String ws = workspace();
    String externalId = Names.unique("katib/trial");
    RecordExecutionRequest request =
        RecordExecutionRequest.newBuilder()
            .setWorkspace(ws)
            .setExecution(execution("Tune", "trial").toBuilder().setExternalId(externalId))
            .addInputs(reused(dataset("mnist-" + externalId)))
            .addOutputs(newArtifact("Model", model("mnist")))
            .addContexts(run("run-" + externalId))
            .build();

    RecordExecutionResponse first = Grpc.stub().recordExecution(request);
    RecordExecutionResponse again = Grpc.stub().recordExecution(request);
    RecordExecutionResponse differentOutputs =
        Grpc.stub()
            .recordExecution(
                request.toBuilder()
                    .clearOutputs()
                    .addOutputs(newArtifact("Model", model("another")))
                    .build());

    assertThat(again).isEqualTo(withoutPosition(again, first));
    assertThat(differentOutputs).isEqualTo(withoutPosition(differentOutputs, first));
    assertThat(eventsOf(first.getExecution().getId())).hasSize(2);
    assertThat(artifactsWithUri(ws, first.getOutputs(0).getUri())).hasSize(1);
  }

  @Test
  void aBatchThatRepeatsAnExecutionWritesItOnce() {
    String ws = workspace();
    String externalId = Names.unique("batch-trial");
    RecordExecutionRequest item =
        RecordExecutionRequest.newBuilder()
            .setWorkspace(ws)
            .setExecution(execution("Train", "trial").toBuilder().setExternalId(externalId))
            .addOutputs(newArtifact("Model", model("batch")))
            .build();

    List<RecordExecutionResponse> results =
        Grpc.stub()
            .recordExecutions(
                RecordExecutionsRequest.newBuilder()
                    .addExecutions(item)
                    .addExecutions(item)
                    .build())
            .getResultsList();

    assertThat(results.get(1)).isEqualTo(results.get(0));
    assertThat(eventsOf(results.get(0).getExecution().getId())).hasSize(1);
  }

  @Test
  void concurrentFindOrCreateOfARunByNameNeverConflicts() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String ws = workspace();
      String runName = Names.unique("run");
      List<RecordExecutionResponse> recorded =
          concurrently(
              client ->
                  Grpc.stub()
                      .recordExecution(
                          RecordExecutionRequest.newBuilder()
                              .setWorkspace(ws)
                              .setExecution(execution("Train", "step-" + client))
                              .addContexts(run(runName))
                              .build()));
      List<Long> created =
          concurrently(
              client ->
                  Grpc.stub()
                      .createContext(
                          CreateContextRequest.newBuilder()
                              .setWorkspace(ws)
                              .setContext(ContextSpec.newBuilder().setType("Run").setName(runName))
                              .setReuseIfExists(true)
                              .build())
                      .getId());

      long runId = recorded.get(0).getContexts(0).getId();
      assertThat(recorded).allSatisfy(r -> assertThat(r.getContexts(0).getId()).isEqualTo(runId));
      assertThat(created).containsOnly(runId);
    }
  }

  @Test
  void concurrentCreatesOfAWorkspaceWithReuseReturnOne() throws Exception {
    String name = Names.unique("shared");
    List<Long> ids =
        concurrently(
            client ->
                Grpc.stub()
                    .createWorkspace(
                        CreateWorkspaceRequest.newBuilder()
                            .setName(name)
                            .setReuseIfExists(true)
                            .build())
                    .getId());
    assertThat(ids).containsOnly(ids.get(0));
  }
}
