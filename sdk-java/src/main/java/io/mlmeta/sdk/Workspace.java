package io.mlmeta.sdk;

import io.mlmeta.proto.v1.ContextFilter;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.ExecutionFilter;
import io.mlmeta.proto.v1.GetWorkspaceRequest;
import io.mlmeta.proto.v1.ListArtifactsRequest;
import io.mlmeta.proto.v1.ListArtifactsResponse;
import io.mlmeta.proto.v1.ListContextsRequest;
import io.mlmeta.proto.v1.ListContextsResponse;
import io.mlmeta.proto.v1.ListExecutionsRequest;
import io.mlmeta.proto.v1.ListExecutionsResponse;
import io.mlmeta.sdk.grpc.DetailProtos;
import io.mlmeta.sdk.grpc.Protos;
import io.mlmeta.sdk.model.Artifact;
import io.mlmeta.sdk.model.ArtifactDetails;
import io.mlmeta.sdk.model.ArtifactQuery;
import io.mlmeta.sdk.model.ContextDetails;
import io.mlmeta.sdk.model.ExecutionDetails;
import io.mlmeta.sdk.model.ExecutionState;
import io.mlmeta.sdk.model.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A workspace, the tenant boundary: every artifact, execution and run belongs to one (Kubeflow
 * Metadata's {@code Workspace}). Instances are immutable snapshots bound to their {@link Store}.
 */
public final class Workspace {

  private final Store store;
  private final long id;
  private final String name;
  private final @Nullable String description;
  private final Map<String, String> labels;
  private final @Nullable Instant createTime;

  private Workspace(Store store, io.mlmeta.proto.v1.Workspace proto) {
    this.store = store;
    this.id = proto.getId();
    this.name = proto.getName();
    this.description = Protos.emptyToNull(proto.getDescription());
    this.labels = Map.copyOf(proto.getLabelsMap());
    this.createTime = Protos.instant(proto.hasCreateTime() ? proto.getCreateTime() : null);
  }

  static Workspace of(Store store, io.mlmeta.proto.v1.Workspace proto) {
    return new Workspace(store, proto);
  }

  /**
   * Creates a workspace, or returns the existing one of that name unchanged (Kubeflow Metadata's
   * {@code reuse_workspace_if_exists}).
   *
   * @param labels free-form string labels; null for none
   * @throws io.mlmeta.sdk.error.InvalidArgumentException if the name is malformed
   */
  public static Workspace create(
      Store store,
      String name,
      @Nullable String description,
      @Nullable Map<String, String> labels) {
    Objects.requireNonNull(name, "name");
    CreateWorkspaceRequest.Builder request =
        CreateWorkspaceRequest.newBuilder().setName(name).setReuseIfExists(true);
    if (description != null) {
      request.setDescription(description);
    }
    if (labels != null) {
      request.putAllLabels(labels);
    }
    CreateWorkspaceRequest built = request.build();
    return new Workspace(store, store.transport().call(true, s -> s.createWorkspace(built)));
  }

  /** Creates a workspace without description or labels, or returns the existing one. */
  public static Workspace create(Store store, String name) {
    return create(store, name, null, null);
  }

  /**
   * Reads an existing workspace.
   *
   * @throws io.mlmeta.sdk.error.NotFoundException if there is none of that name
   */
  public static Workspace get(Store store, String name) {
    GetWorkspaceRequest request = GetWorkspaceRequest.newBuilder().setName(name).build();
    return new Workspace(store, store.transport().call(true, s -> s.getWorkspace(request)));
  }

  /**
   * Every artifact of a built-in type in this workspace, in creation order, fetched page by page
   * (Kubeflow Metadata's {@code Workspace.list}).
   *
   * @param kind {@code DataSet.class}, {@code Model.class} or {@code Metrics.class}
   */
  public <T extends Artifact> List<T> list(Class<T> kind) {
    return list(kind, ArtifactQuery.builder().pageSize(1000).build(), Integer.MAX_VALUE);
  }

  /**
   * Every artifact of a built-in type matching the query's filters, fetched page by page; the
   * query's page token is the starting point and its page size the size of each fetch.
   *
   * @param limit the most items to return
   */
  public <T extends Artifact> List<T> list(Class<T> kind, ArtifactQuery query, int limit) {
    List<T> all = new ArrayList<>();
    ArtifactQuery next = query;
    while (all.size() < limit) {
      Page<T> page = list(kind, next);
      for (T item : page.items()) {
        if (all.size() < limit) {
          all.add(item);
        }
      }
      if (!page.hasNext()) {
        break;
      }
      next = next.withPageToken(page.nextPageToken());
    }
    return all;
  }

  /**
   * One page of artifacts of a built-in type matching the query. Fetch the next page with {@code
   * query.withPageToken(page.nextPageToken())}.
   *
   * @throws io.mlmeta.sdk.error.InvalidArgumentException for a malformed filter, page size or token
   */
  public <T extends Artifact> Page<T> list(Class<T> kind, ArtifactQuery query) {
    ListArtifactsRequest.Builder request =
        ListArtifactsRequest.newBuilder()
            .setWorkspace(name)
            .setFilter(Protos.filter(Artifact.typeName(kind), query))
            .setPageSize(query.pageSize());
    if (query.pageToken() != null) {
      request.setPageToken(query.pageToken());
    }
    ListArtifactsRequest built = request.build();
    ListArtifactsResponse response = store.transport().call(true, s -> s.listArtifacts(built));
    List<T> items = new ArrayList<>(response.getArtifactsCount());
    response.getArtifactsList().forEach(a -> items.add(Protos.artifact(a, kind)));
    return new Page<>(items, response.getNextPageToken());
  }

  /**
   * Artifacts of any type, built-in or custom, matching the query's filters, in creation order,
   * fetched page by page.
   *
   * @param type the type name, or null for every type
   * @param limit the most items to return
   */
  public List<ArtifactDetails> artifacts(@Nullable String type, ArtifactQuery query, int limit) {
    List<ArtifactDetails> all = new ArrayList<>();
    int pageSize = query.pageSize() == 0 ? 1000 : query.pageSize();
    String token = query.pageToken() == null ? "" : query.pageToken();
    do {
      ListArtifactsRequest request =
          ListArtifactsRequest.newBuilder()
              .setWorkspace(name)
              .setFilter(Protos.filter(type == null ? "" : type, query))
              .setPageSize(Math.min(pageSize, Math.max(1, limit - all.size())))
              .setPageToken(token)
              .build();
      ListArtifactsResponse page = store.transport().call(true, s -> s.listArtifacts(request));
      page.getArtifactsList().forEach(a -> all.add(DetailProtos.artifact(a)));
      token = page.getNextPageToken();
    } while (!token.isEmpty() && all.size() < limit);
    return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
  }

  /**
   * Executions in creation order, fetched page by page.
   *
   * @param type the type name, or null for every type
   * @param state only executions in this state, or null for any
   * @param contextId only executions associated with this context (a run), or 0 for any
   * @param limit the most items to return
   */
  public List<ExecutionDetails> executions(
      @Nullable String type, @Nullable ExecutionState state, long contextId, int limit) {
    ExecutionFilter.Builder filter = ExecutionFilter.newBuilder().setContextId(contextId);
    if (type != null) {
      filter.setType(type);
    }
    if (state != null) {
      filter.setState(Protos.executionState(state));
    }
    List<ExecutionDetails> all = new ArrayList<>();
    String token = "";
    do {
      ListExecutionsRequest request =
          ListExecutionsRequest.newBuilder()
              .setWorkspace(name)
              .setFilter(filter)
              .setPageSize(Math.min(1000, Math.max(1, limit - all.size())))
              .setPageToken(token)
              .build();
      ListExecutionsResponse page = store.transport().call(true, s -> s.listExecutions(request));
      page.getExecutionsList().forEach(e -> all.add(DetailProtos.execution(e)));
      token = page.getNextPageToken();
    } while (!token.isEmpty() && all.size() < limit);
    return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
  }

  /**
   * Contexts (runs, experiments, ...) in creation order, fetched page by page.
   *
   * @param type the type name, such as {@code Run} or {@code Experiment}, or null for every type
   * @param limit the most items to return
   */
  public List<ContextDetails> contexts(@Nullable String type, int limit) {
    ContextFilter.Builder filter = ContextFilter.newBuilder();
    if (type != null) {
      filter.setType(type);
    }
    List<ContextDetails> all = new ArrayList<>();
    String token = "";
    do {
      ListContextsRequest request =
          ListContextsRequest.newBuilder()
              .setWorkspace(name)
              .setFilter(filter)
              .setPageSize(Math.min(1000, Math.max(1, limit - all.size())))
              .setPageToken(token)
              .build();
      ListContextsResponse page = store.transport().call(true, s -> s.listContexts(request));
      page.getContextsList().forEach(c -> all.add(DetailProtos.context(c)));
      token = page.getNextPageToken();
    } while (!token.isEmpty() && all.size() < limit);
    return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
  }

  /** The store this workspace was read from. */
  public Store store() {
    return store;
  }

  /** The server-assigned id. */
  public long id() {
    return id;
  }

  /** The unique name. */
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

  /** When the workspace was created; null if the server did not say. */
  public @Nullable Instant createTime() {
    return createTime;
  }

  @Override
  public String toString() {
    return "Workspace[id=" + id + ", name=" + name + "]";
  }
}
