package io.mlmeta.server.api.grpc;

import static io.mlmeta.server.api.grpc.GrpcCalls.unary;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.mlmeta.proto.v1.Artifact;
import io.mlmeta.proto.v1.Context;
import io.mlmeta.proto.v1.CreateArtifactRequest;
import io.mlmeta.proto.v1.CreateContextRequest;
import io.mlmeta.proto.v1.CreateExecutionRequest;
import io.mlmeta.proto.v1.CreateWorkspaceRequest;
import io.mlmeta.proto.v1.Execution;
import io.mlmeta.proto.v1.GetArtifactRequest;
import io.mlmeta.proto.v1.GetContextRequest;
import io.mlmeta.proto.v1.GetExecutionRequest;
import io.mlmeta.proto.v1.GetTypeRequest;
import io.mlmeta.proto.v1.GetWorkspaceRequest;
import io.mlmeta.proto.v1.IngestSummary;
import io.mlmeta.proto.v1.LinkToContextRequest;
import io.mlmeta.proto.v1.LinkToContextResponse;
import io.mlmeta.proto.v1.ListArtifactsRequest;
import io.mlmeta.proto.v1.ListArtifactsResponse;
import io.mlmeta.proto.v1.ListContextsRequest;
import io.mlmeta.proto.v1.ListContextsResponse;
import io.mlmeta.proto.v1.ListEventsRequest;
import io.mlmeta.proto.v1.ListEventsResponse;
import io.mlmeta.proto.v1.ListExecutionsRequest;
import io.mlmeta.proto.v1.ListExecutionsResponse;
import io.mlmeta.proto.v1.ListTypesRequest;
import io.mlmeta.proto.v1.ListTypesResponse;
import io.mlmeta.proto.v1.ListWorkspacesRequest;
import io.mlmeta.proto.v1.ListWorkspacesResponse;
import io.mlmeta.proto.v1.MetadataServiceGrpc;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.RecordExecutionsRequest;
import io.mlmeta.proto.v1.RecordExecutionsResponse;
import io.mlmeta.proto.v1.RegisterTypeRequest;
import io.mlmeta.proto.v1.Type;
import io.mlmeta.proto.v1.UpdateArtifactRequest;
import io.mlmeta.proto.v1.UpdateContextRequest;
import io.mlmeta.proto.v1.UpdateExecutionRequest;
import io.mlmeta.proto.v1.UpdateWorkspaceRequest;
import io.mlmeta.proto.v1.Workspace;
import io.mlmeta.server.api.grpc.mapper.ProtoMapper;
import io.mlmeta.server.api.grpc.mapper.StructMapper;
import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.domain.ArtifactUpdate;
import io.mlmeta.server.domain.ContextUpdate;
import io.mlmeta.server.domain.ExecutionUpdate;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.RecordedExecution;
import io.mlmeta.server.service.ArtifactService;
import io.mlmeta.server.service.ContextService;
import io.mlmeta.server.service.ExecutionService;
import io.mlmeta.server.service.LinkService;
import io.mlmeta.server.service.RecordExecutionService;
import io.mlmeta.server.service.TypeService;
import io.mlmeta.server.service.WorkspaceService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The gRPC adapter: each method maps the request, calls one use case and maps the result. It
 * injects every use-case service because the proto service spans the whole API; it holds no logic.
 */
@GrpcService
@Blocking
public class MetadataGrpcService implements BindableService, MetadataServiceGrpc.AsyncService {

  @Inject CallerIdentity caller;
  @Inject WorkspaceService workspaces;
  @Inject TypeService types;
  @Inject ArtifactService artifacts;
  @Inject ExecutionService executions;
  @Inject ContextService contexts;
  @Inject RecordExecutionService records;
  @Inject LinkService links;
  @Inject IngestStreams ingest;

  /** The generated binding, with requests that cannot be parsed refused rather than dropped. */
  @Override
  public ServerServiceDefinition bindService() {
    return TolerantRequests.wrap(MetadataServiceGrpc.bindService(this));
  }

  @Override
  public void createWorkspace(CreateWorkspaceRequest r, StreamObserver<Workspace> response) {
    unary(
        response,
        () ->
            ProtoMapper.toProto(
                workspaces.create(
                    caller.principal(),
                    r.getName(),
                    r.getDescription(),
                    r.getLabelsMap(),
                    r.getReuseIfExists())));
  }

  @Override
  public void getWorkspace(GetWorkspaceRequest r, StreamObserver<Workspace> response) {
    unary(response, () -> ProtoMapper.toProto(workspaces.get(caller.principal(), r.getName())));
  }

  @Override
  public void listWorkspaces(
      ListWorkspacesRequest r, StreamObserver<ListWorkspacesResponse> response) {
    unary(
        response,
        () -> {
          var page =
              workspaces.list(
                  caller.principal(), new PageRequest(r.getPageSize(), r.getPageToken()));
          return ListWorkspacesResponse.newBuilder()
              .addAllWorkspaces(page.items().stream().map(ProtoMapper::toProto).toList())
              .setNextPageToken(nullToEmpty(page.nextPageToken()))
              .build();
        });
  }

  @Override
  public void updateWorkspace(UpdateWorkspaceRequest r, StreamObserver<Workspace> response) {
    unary(
        response,
        () ->
            ProtoMapper.toProto(
                workspaces.update(
                    caller.principal(),
                    r.getName(),
                    r.hasDescription() ? r.getDescription() : null,
                    r.getLabelsMap(),
                    r.getReplaceLabels())));
  }

  @Override
  public void registerType(RegisterTypeRequest r, StreamObserver<Type> response) {
    unary(
        response,
        () ->
            ProtoMapper.toProto(
                types.register(
                    caller.principal(),
                    ProtoMapper.kind(r.getKind()),
                    r.getName(),
                    r.getDescription(),
                    StructMapper.toJson(r.getPropertiesSchema(), r.hasPropertiesSchema()))));
  }

  @Override
  public void getType(GetTypeRequest r, StreamObserver<Type> response) {
    unary(
        response, () -> ProtoMapper.toProto(types.get(ProtoMapper.kind(r.getKind()), r.getName())));
  }

  @Override
  public void listTypes(ListTypesRequest r, StreamObserver<ListTypesResponse> response) {
    unary(
        response,
        () -> {
          var page =
              types.list(
                  ProtoMapper.kind(r.getKind()),
                  new PageRequest(r.getPageSize(), r.getPageToken()));
          return ListTypesResponse.newBuilder()
              .addAllTypes(page.items().stream().map(ProtoMapper::toProto).toList())
              .setNextPageToken(nullToEmpty(page.nextPageToken()))
              .build();
        });
  }

  @Override
  public void createArtifact(CreateArtifactRequest r, StreamObserver<Artifact> response) {
    unary(
        response,
        () ->
            ProtoMapper.toProto(
                artifacts.create(
                    caller.principal(),
                    r.getWorkspace(),
                    r.hasArtifact() ? ProtoMapper.toDomain(r.getArtifact()) : null)));
  }

  @Override
  public void getArtifact(GetArtifactRequest r, StreamObserver<Artifact> response) {
    unary(response, () -> ProtoMapper.toProto(artifacts.get(caller.principal(), r.getId())));
  }

  @Override
  public void listArtifacts(
      ListArtifactsRequest r, StreamObserver<ListArtifactsResponse> response) {
    unary(
        response,
        () -> {
          var page =
              artifacts.list(
                  caller.principal(),
                  r.getWorkspace(),
                  ProtoMapper.toDomain(r.getFilter()),
                  ProtoMapper.toDomain(r.getOrder(), r.hasOrder()),
                  new PageRequest(r.getPageSize(), r.getPageToken()));
          return ListArtifactsResponse.newBuilder()
              .addAllArtifacts(page.items().stream().map(ProtoMapper::toProto).toList())
              .setNextPageToken(nullToEmpty(page.nextPageToken()))
              .build();
        });
  }

  @Override
  public void updateArtifact(UpdateArtifactRequest r, StreamObserver<Artifact> response) {
    unary(
        response,
        () ->
            ProtoMapper.toProto(
                artifacts.update(
                    caller.principal(),
                    new ArtifactUpdate(
                        r.getId(),
                        ProtoMapper.state(r.getState()),
                        StructMapper.toJson(r.getPropertiesPatch(), r.hasPropertiesPatch()),
                        r.hasDigest() ? r.getDigest() : null))));
  }

  @Override
  public void createExecution(CreateExecutionRequest r, StreamObserver<Execution> response) {
    unary(
        response,
        () ->
            ProtoMapper.toProto(
                executions.create(
                    caller.principal(),
                    r.getWorkspace(),
                    r.hasExecution() ? ProtoMapper.toDomain(r.getExecution()) : null)));
  }

  @Override
  public void getExecution(GetExecutionRequest r, StreamObserver<Execution> response) {
    unary(response, () -> ProtoMapper.toProto(executions.get(caller.principal(), r.getId())));
  }

  @Override
  public void listExecutions(
      ListExecutionsRequest r, StreamObserver<ListExecutionsResponse> response) {
    unary(
        response,
        () -> {
          var page =
              executions.list(
                  caller.principal(),
                  r.getWorkspace(),
                  ProtoMapper.toDomain(r.getFilter()),
                  new PageRequest(r.getPageSize(), r.getPageToken()));
          return ListExecutionsResponse.newBuilder()
              .addAllExecutions(page.items().stream().map(ProtoMapper::toProto).toList())
              .setNextPageToken(nullToEmpty(page.nextPageToken()))
              .build();
        });
  }

  @Override
  public void updateExecution(UpdateExecutionRequest r, StreamObserver<Execution> response) {
    unary(
        response,
        () ->
            ProtoMapper.toProto(
                executions.update(
                    caller.principal(),
                    new ExecutionUpdate(
                        r.getId(),
                        ProtoMapper.state(r.getState()),
                        StructMapper.toJson(r.getPropertiesPatch(), r.hasPropertiesPatch()),
                        r.hasErrorMessage() ? r.getErrorMessage() : null))));
  }

  @Override
  public void createContext(CreateContextRequest r, StreamObserver<Context> response) {
    unary(
        response,
        () ->
            ProtoMapper.toProto(
                contexts.create(
                    caller.principal(),
                    r.getWorkspace(),
                    r.hasContext() ? ProtoMapper.toDomain(r.getContext()) : null,
                    r.getReuseIfExists())));
  }

  @Override
  public void getContext(GetContextRequest r, StreamObserver<Context> response) {
    unary(response, () -> ProtoMapper.toProto(contexts.get(caller.principal(), r.getId())));
  }

  @Override
  public void listContexts(ListContextsRequest r, StreamObserver<ListContextsResponse> response) {
    unary(
        response,
        () -> {
          var page =
              contexts.list(
                  caller.principal(),
                  r.getWorkspace(),
                  ProtoMapper.toDomain(r.getFilter()),
                  new PageRequest(r.getPageSize(), r.getPageToken()));
          return ListContextsResponse.newBuilder()
              .addAllContexts(page.items().stream().map(ProtoMapper::toProto).toList())
              .setNextPageToken(nullToEmpty(page.nextPageToken()))
              .build();
        });
  }

  @Override
  public void updateContext(UpdateContextRequest r, StreamObserver<Context> response) {
    unary(
        response,
        () ->
            ProtoMapper.toProto(
                contexts.update(
                    caller.principal(),
                    new ContextUpdate(
                        r.getId(),
                        r.hasDescription() ? r.getDescription() : null,
                        StructMapper.toJson(r.getPropertiesPatch(), r.hasPropertiesPatch()),
                        r.getAddParentContextIdsList()))));
  }

  @Override
  public void linkToContext(
      LinkToContextRequest r, StreamObserver<LinkToContextResponse> response) {
    unary(
        response,
        () -> {
          int[] added =
              contexts.link(
                  caller.principal(),
                  r.getContextId(),
                  r.getArtifactIdsList(),
                  r.getExecutionIdsList());
          return LinkToContextResponse.newBuilder()
              .setAttributionsAdded(added[0])
              .setAssociationsAdded(added[1])
              .build();
        });
  }

  @Override
  public void recordExecution(
      RecordExecutionRequest r, StreamObserver<RecordExecutionResponse> response) {
    unary(
        response,
        () ->
            ProtoMapper.toProto(
                records.record(caller.principal(), ProtoMapper.toDomain(r)), r, r.getView()));
  }

  @Override
  public void recordExecutions(
      RecordExecutionsRequest r, StreamObserver<RecordExecutionsResponse> response) {
    unary(
        response,
        () -> {
          records.checkBatchSize(r.getExecutionsCount());
          List<RecordedExecution> recorded =
              records.recordAll(
                  caller.principal(),
                  r.getExecutionsList().stream().map(ProtoMapper::toDomain).toList());
          RecordExecutionsResponse.Builder results = RecordExecutionsResponse.newBuilder();
          for (int i = 0; i < recorded.size(); i++) {
            results.addResults(
                ProtoMapper.toProto(recorded.get(i), r.getExecutions(i), r.getView()));
          }
          return results.build();
        });
  }

  @Override
  public StreamObserver<RecordExecutionRequest> ingestExecutions(
      StreamObserver<IngestSummary> response) {
    return ingest.open(caller.principal(), response);
  }

  @Override
  public void listEvents(ListEventsRequest r, StreamObserver<ListEventsResponse> response) {
    unary(
        response,
        () ->
            ListEventsResponse.newBuilder()
                .addAllEvents(
                    links
                        .events(
                            caller.principal(),
                            r.hasArtifactId() ? r.getArtifactId() : null,
                            r.hasExecutionId() ? r.getExecutionId() : null)
                        .stream()
                        .map(ProtoMapper::toProto)
                        .toList())
                .build());
  }

  private static String nullToEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }
}
