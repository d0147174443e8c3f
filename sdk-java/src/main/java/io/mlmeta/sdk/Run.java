package io.mlmeta.sdk;

import io.mlmeta.proto.v1.ContextSpec;
import io.mlmeta.proto.v1.CreateContextRequest;
import io.mlmeta.sdk.grpc.Protos;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A run: the context grouping the executions and artifacts of one pipeline or training run
 * (Kubeflow Metadata's {@code Run}; server context type {@code Run}). Instances are immutable
 * snapshots.
 */
public final class Run {

  /** The server-side context type name. */
  public static final String TYPE = "Run";

  private final Workspace workspace;
  private final long id;
  private final String name;
  private final @Nullable String description;
  private final Map<String, String> labels;
  private final @Nullable Instant createTime;

  Run(Workspace workspace, io.mlmeta.proto.v1.Context proto) {
    this.workspace = workspace;
    this.id = proto.getId();
    this.name = proto.getName();
    this.description = Protos.emptyToNull(proto.getDescription());
    this.labels = Map.copyOf(proto.getLabelsMap());
    this.createTime = Protos.instant(proto.hasCreateTime() ? proto.getCreateTime() : null);
  }

  /**
   * Creates a run in the workspace, or returns the existing run of that name unchanged.
   *
   * @throws io.mlmeta.sdk.error.NotFoundException if the workspace no longer exists
   * @throws io.mlmeta.sdk.error.InvalidArgumentException if the name is malformed
   */
  public static Run create(Workspace workspace, String name, @Nullable String description) {
    Objects.requireNonNull(name, "name");
    ContextSpec.Builder spec = ContextSpec.newBuilder().setType(TYPE).setName(name);
    if (description != null) {
      spec.setDescription(description);
    }
    CreateContextRequest request =
        CreateContextRequest.newBuilder()
            .setWorkspace(workspace.name())
            .setContext(spec)
            .setReuseIfExists(true)
            .build();
    return new Run(
        workspace, workspace.store().transport().call(true, s -> s.createContext(request)));
  }

  /** Creates a run without description, or returns the existing one. */
  public static Run create(Workspace workspace, String name) {
    return create(workspace, name, null);
  }

  /** The workspace of the run. */
  public Workspace workspace() {
    return workspace;
  }

  /** The server-assigned id (also usable as {@code ArtifactQuery.contextId}). */
  public long id() {
    return id;
  }

  /** The run's name, unique among the workspace's runs. */
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

  /** When the run was created; null if the server did not say. */
  public @Nullable Instant createTime() {
    return createTime;
  }

  @Override
  public String toString() {
    return "Run[id=" + id + ", name=" + name + "]";
  }
}
