package io.mlmeta.server.support;

import static io.mlmeta.server.support.Protos.dataset;
import static io.mlmeta.server.support.Protos.execution;
import static io.mlmeta.server.support.Protos.existing;
import static io.mlmeta.server.support.Protos.model;
import static io.mlmeta.server.support.Protos.newArtifact;
import static io.mlmeta.server.support.Protos.struct;

import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import java.util.Map;

/** The platform's lineage, written through gRPC: data -> train -> model -> evaluate/deploy. */
public final class Pipelines {

  private Pipelines() {}

  /** Ids of one recorded pipeline, and the lineage position of its last write. */
  public record Pipeline(
      String workspace,
      long dataset,
      long train,
      long model,
      long evaluate,
      long metrics,
      long deploy,
      long position) {}

  public static String workspace() {
    String name = Names.unique("ws");
    Grpc.stub().createWorkspace(CreateWorkspaceRequest.newBuilder().setName(name).build());
    return name;
  }

  public static Pipeline record(String ws) {
    RecordExecutionResponse train =
        Grpc.stub()
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(execution("Train", "mnist_training"))
                    .addInputs(newArtifact("Dataset", dataset("mnist")))
                    .addOutputs(newArtifact("Model", model("MNIST")))
                    .build());
    long dataset = train.getInputs(0).getId();
    long model = train.getOutputs(0).getId();
    RecordExecutionResponse evaluate =
        Grpc.stub()
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(execution("Evaluate", "mnist_evaluation"))
                    .addInputs(existing(model))
                    .addOutputs(
                        newArtifact(
                            "Metrics",
                            Map.of(
                                "uri",
                                "gs://b/metrics",
                                "name",
                                "mnist-eval",
                                "model_id",
                                model,
                                "data_set_id",
                                dataset,
                                "metrics_type",
                                "validation",
                                "values",
                                Map.of("accuracy", 0.98))))
                    .build());
    RecordExecutionResponse deploy =
        Grpc.stub()
            .recordExecution(
                RecordExecutionRequest.newBuilder()
                    .setWorkspace(ws)
                    .setExecution(
                        ExecutionSpec.newBuilder()
                            .setType("Deploy")
                            .setName("model-test")
                            .setProperties(struct(Map.of("inference_service", "model-test"))))
                    .addInputs(existing(model))
                    .build());
    return new Pipeline(
        ws,
        dataset,
        train.getExecution().getId(),
        model,
        evaluate.getExecution().getId(),
        evaluate.getOutputs(0).getId(),
        deploy.getExecution().getId(),
        deploy.getLineagePosition());
  }
}
