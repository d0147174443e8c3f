package io.mlmeta.sdk;

import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.ResponseView;
import io.mlmeta.proto.v1.UpdateExecutionRequest;
import io.mlmeta.sdk.grpc.Protos;
import io.mlmeta.sdk.model.Artifact;
import io.mlmeta.sdk.model.ExecutionState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An execution: one step of work (training, evaluation, ...) that reads and writes artifacts
 * (Kubeflow Metadata's {@code Execution}). Instances are immutable snapshots; {@link #complete()}
 * and {@link #fail(String)} return the updated execution.
 *
 * <p>Every write carries an idempotency key generated once per call, so the SDK's retries never
 * record an execution, an artifact or an event twice.
 */
public final class Execution {

  /** The default, generic execution type. */
  public static final String DEFAULT_TYPE = "Execution";

  private final Workspace workspace;
  private final @Nullable Run run;
  private final long id;
  private final @Nullable String externalId;
  private final String type;
  private final String name;
  private final @Nullable String description;
  private final Map<String, String> labels;
  private final @Nullable ExecutionState state;
  private final @Nullable String errorMessage;
  private final @Nullable Instant startTime;
  private final @Nullable Instant endTime;
  private final @Nullable Instant createTime;

  Execution(Workspace workspace, @Nullable Run run, io.mlmeta.proto.v1.Execution proto) {
    this.workspace = workspace;
    this.run = run;
    this.id = proto.getId();
    this.externalId = Protos.emptyToNull(proto.getExternalId());
    this.type = proto.getType();
    this.name = proto.getName();
    this.description = Protos.emptyToNull(proto.getDescription());
    this.labels = Map.copyOf(proto.getLabelsMap());
    this.state = Protos.executionState(proto.getState());
    this.errorMessage = Protos.emptyToNull(proto.getErrorMessage());
    this.startTime = Protos.instant(proto.hasStartTime() ? proto.getStartTime() : null);
    this.endTime = Protos.instant(proto.hasEndTime() ? proto.getEndTime() : null);
    this.createTime = Protos.instant(proto.hasCreateTime() ? proto.getCreateTime() : null);
  }

  /**
   * Records a new, running execution of the generic type {@value #DEFAULT_TYPE}, associated with
   * the run (Kubeflow Metadata's {@code Execution(name, workspace, run, description)}).
   *
   * @param run the run the execution and everything it logs belong to; null for none
   */
  public static Execution create(
      String name, Workspace workspace, @Nullable Run run, @Nullable String description) {
    return create(name, workspace, run, description, DEFAULT_TYPE);
  }

  /**
   * Records a new, running execution of the given type, for example {@code Train}, {@code Tune},
   * {@code Evaluate} or {@code Deploy}.
   *
   * @throws io.mlmeta.sdk.error.NotFoundException if the type or the workspace does not exist
   */
  public static Execution create(
      String name,
      Workspace workspace,
      @Nullable Run run,
      @Nullable String description,
      String type) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    ExecutionSpec.Builder spec =
        ExecutionSpec.newBuilder()
            .setType(type)
            .setExternalId(Links.newExternalId())
            .setName(name)
            .setState(io.mlmeta.proto.v1.ExecutionState.RUNNING);
    if (description != null) {
      spec.setDescription(description);
    }
    RecordExecutionRequest.Builder request =
        RecordExecutionRequest.newBuilder().setWorkspace(workspace.name()).setExecution(spec);
    if (run != null) {
      request.addContexts(Links.run(run));
    }
    RecordExecutionRequest built = request.build();
    RecordExecutionResponse response =
        workspace.store().transport().call(true, s -> s.recordExecution(built));
    return new Execution(workspace, run, response.getExecution());
  }

  /**
   * Records that this execution read the artifact (Kubeflow Metadata's {@code log_input}). An
   * unsaved artifact is stored first (data sets and models are de-duplicated); a saved one is
   * linked by id. The artifact is attributed to the execution's run.
   *
   * @return the stored artifact, with its id and creation time
   * @throws io.mlmeta.sdk.error.InvalidArgumentException if a field violates the artifact's type,
   *     for example a missing uri
   */
  public <T extends Artifact> T logInput(T artifact) {
    return log(artifact, true);
  }

  /**
   * Records that this execution wrote the artifact (Kubeflow Metadata's {@code log_output}); see
   * {@link #logInput(Artifact)}.
   *
   * @return the stored artifact, with its id and creation time
   */
  public <T extends Artifact> T logOutput(T artifact) {
    return log(artifact, false);
  }

  private <T extends Artifact> T log(T artifact, boolean input) {
    Objects.requireNonNull(artifact, "artifact");
    RecordExecutionRequest.Builder request =
        RecordExecutionRequest.newBuilder()
            .setWorkspace(workspace.name())
            .setExecutionId(id)
            .setView(ResponseView.RESPONSE_VIEW_COMPACT);
    if (input) {
      request.addInputs(Links.artifact(artifact));
    } else {
      request.addOutputs(Links.artifact(artifact));
    }
    if (run != null) {
      request.addContexts(Links.run(run));
    }
    RecordExecutionRequest built = request.build();
    RecordExecutionResponse response =
        workspace.store().transport().call(true, s -> s.recordExecution(built));
    return Links.stored(artifact, input ? response.getInputs(0) : response.getOutputs(0));
  }

  /** Marks the execution {@code COMPLETE}; repeating it is harmless. */
  public Execution complete() {
    return update(ExecutionState.COMPLETE, null);
  }

  /**
   * Marks the execution {@code FAILED} with an error message.
   *
   * @throws io.mlmeta.sdk.error.FailedPreconditionException if it already ended in another state
   */
  public Execution fail(String errorMessage) {
    return update(ExecutionState.FAILED, errorMessage);
  }

  /**
   * Moves the execution to another state.
   *
   * @throws io.mlmeta.sdk.error.FailedPreconditionException for an illegal transition, such as
   *     leaving a terminal state
   */
  public Execution update(ExecutionState next, @Nullable String errorMessage) {
    UpdateExecutionRequest.Builder request =
        UpdateExecutionRequest.newBuilder().setId(id).setState(Protos.executionState(next));
    if (errorMessage != null) {
      request.setErrorMessage(errorMessage);
    }
    UpdateExecutionRequest built = request.build();
    return new Execution(
        workspace, run, workspace.store().transport().call(true, s -> s.updateExecution(built)));
  }

  /** The workspace of the execution. */
  public Workspace workspace() {
    return workspace;
  }

  /** The run the execution belongs to, or null. */
  public @Nullable Run run() {
    return run;
  }

  /** The server-assigned id. */
  public long id() {
    return id;
  }

  /** The idempotency key the execution was recorded with. */
  public @Nullable String externalId() {
    return externalId;
  }

  /** The execution type, such as {@code Execution} or {@code Train}. */
  public String type() {
    return type;
  }

  /** The name. */
  public String name() {
    return name;
  }

  /** The description, or null. */
  public @Nullable String description() {
    return description;
  }

  /** The labels; never null. */
  public Map<String, String> labels() {
    return labels;
  }

  /** The state when this snapshot was taken; null when the server left it unspecified. */
  public @Nullable ExecutionState state() {
    return state;
  }

  /** The error message of a failed execution, or null. */
  public @Nullable String errorMessage() {
    return errorMessage;
  }

  /** When the execution started running, or null. */
  public @Nullable Instant startTime() {
    return startTime;
  }

  /** When it reached a terminal state, or null. */
  public @Nullable Instant endTime() {
    return endTime;
  }

  /** When it was recorded; null if the server did not say. */
  public @Nullable Instant createTime() {
    return createTime;
  }

  @Override
  public String toString() {
    return "Execution[id=" + id + ", type=" + type + ", name=" + name + ", state=" + state + "]";
  }
}
