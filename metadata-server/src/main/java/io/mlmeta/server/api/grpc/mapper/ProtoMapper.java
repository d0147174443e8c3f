package io.mlmeta.server.api.grpc.mapper;

import com.google.protobuf.Timestamp;
import io.mlmeta.proto.v1.ArtifactFilter;
import io.mlmeta.proto.v1.ArtifactLink;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.proto.v1.ContextFilter;
import io.mlmeta.proto.v1.ContextLink;
import io.mlmeta.proto.v1.ContextSpec;
import io.mlmeta.proto.v1.ExecutionFilter;
import io.mlmeta.proto.v1.ExecutionSpec;
import io.mlmeta.proto.v1.PropertyOrder;
import io.mlmeta.proto.v1.PropertyRange;
import io.mlmeta.proto.v1.RecordExecutionRequest;
import io.mlmeta.proto.v1.RecordExecutionResponse;
import io.mlmeta.proto.v1.ResponseView;
import io.mlmeta.server.domain.Artifact;
import io.mlmeta.server.domain.ArtifactState;
import io.mlmeta.server.domain.Context;
import io.mlmeta.server.domain.Event;
import io.mlmeta.server.domain.EventType;
import io.mlmeta.server.domain.Execution;
import io.mlmeta.server.domain.ExecutionState;
import io.mlmeta.server.domain.MetadataType;
import io.mlmeta.server.domain.RecordExecution;
import io.mlmeta.server.domain.RecordedExecution;
import io.mlmeta.server.domain.TypeKind;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Pure conversions between the generated gRPC messages and domain records. */
public final class ProtoMapper {

  private ProtoMapper() {}

  public static io.mlmeta.proto.v1.Workspace toProto(Workspace w) {
    return io.mlmeta.proto.v1.Workspace.newBuilder()
        .setId(w.id())
        .setName(w.name())
        .setDescription(w.description())
        .putAllLabels(w.labels())
        .setCreateTime(timestamp(w.createTime()))
        .setUpdateTime(timestamp(w.updateTime()))
        .build();
  }

  public static io.mlmeta.proto.v1.Type toProto(MetadataType t) {
    return io.mlmeta.proto.v1.Type.newBuilder()
        .setId(t.id())
        .setKind(io.mlmeta.proto.v1.TypeKind.valueOf(t.kind().name()))
        .setName(t.name())
        .setVersion(t.version())
        .setDescription(t.description())
        .setPropertiesSchema(StructMapper.toStruct(t.propertiesSchema()))
        .setBuiltin(t.builtin())
        .setCreateTime(timestamp(t.createTime()))
        .setUpdateTime(timestamp(t.updateTime()))
        .build();
  }

  public static io.mlmeta.proto.v1.Artifact toProto(Artifact a) {
    var builder =
        io.mlmeta.proto.v1.Artifact.newBuilder()
            .setId(a.id())
            .setWorkspace(a.workspace())
            .setType(a.type())
            .setState(io.mlmeta.proto.v1.ArtifactState.valueOf(a.state().name()))
            .setProperties(StructMapper.toStruct(a.properties()))
            .setCreateTime(timestamp(a.createTime()))
            .setUpdateTime(timestamp(a.updateTime()));
    if (a.externalId() != null) {
      builder.setExternalId(a.externalId());
    }
    if (a.uri() != null) {
      builder.setUri(a.uri());
    }
    if (a.name() != null) {
      builder.setName(a.name());
    }
    if (a.version() != null) {
      builder.setVersion(a.version());
    }
    if (a.digest() != null) {
      builder.setDigest(a.digest());
    }
    return builder.build();
  }

  public static io.mlmeta.proto.v1.Execution toProto(Execution e) {
    var builder =
        io.mlmeta.proto.v1.Execution.newBuilder()
            .setId(e.id())
            .setWorkspace(e.workspace())
            .setType(e.type())
            .setName(e.name())
            .setDescription(e.description())
            .putAllLabels(e.labels())
            .setState(io.mlmeta.proto.v1.ExecutionState.valueOf(e.state().name()))
            .setProperties(StructMapper.toStruct(e.properties()))
            .setCreateTime(timestamp(e.createTime()))
            .setUpdateTime(timestamp(e.updateTime()));
    if (e.externalId() != null) {
      builder.setExternalId(e.externalId());
    }
    if (e.errorMessage() != null) {
      builder.setErrorMessage(e.errorMessage());
    }
    if (e.startTime() != null) {
      builder.setStartTime(timestamp(e.startTime()));
    }
    if (e.endTime() != null) {
      builder.setEndTime(timestamp(e.endTime()));
    }
    return builder.build();
  }

  public static io.mlmeta.proto.v1.Context toProto(Context c) {
    var builder =
        io.mlmeta.proto.v1.Context.newBuilder()
            .setId(c.id())
            .setWorkspace(c.workspace())
            .setType(c.type())
            .setName(c.name())
            .setDescription(c.description())
            .putAllLabels(c.labels())
            .setProperties(StructMapper.toStruct(c.properties()))
            .addAllParentContextIds(c.parentContextIds())
            .setCreateTime(timestamp(c.createTime()))
            .setUpdateTime(timestamp(c.updateTime()));
    if (c.externalId() != null) {
      builder.setExternalId(c.externalId());
    }
    return builder.build();
  }

  public static io.mlmeta.proto.v1.Event toProto(Event e) {
    return io.mlmeta.proto.v1.Event.newBuilder()
        .setArtifactId(e.artifactId())
        .setExecutionId(e.executionId())
        .setType(io.mlmeta.proto.v1.EventType.valueOf(e.type().name()))
        .setTime(timestamp(e.time()))
        .build();
  }

  /**
   * The response in the requested view: in {@link ResponseView#RESPONSE_VIEW_COMPACT} every record
   * the request linked by id is only its id. Results keep the request's order of links.
   */
  public static RecordExecutionResponse toProto(
      RecordedExecution r, RecordExecutionRequest request, ResponseView view) {
    if (view != ResponseView.RESPONSE_VIEW_COMPACT) {
      return toProto(r);
    }
    RecordExecutionResponse.Builder response =
        RecordExecutionResponse.newBuilder()
            .setExecution(
                request.hasExecutionId()
                    ? io.mlmeta.proto.v1.Execution.newBuilder().setId(r.execution().id()).build()
                    : toProto(r.execution()))
            .setLineagePosition(r.lineagePosition());
    for (int i = 0; i < r.inputs().size(); i++) {
      response.addInputs(compact(r.inputs().get(i), request.getInputs(i)));
    }
    for (int i = 0; i < r.outputs().size(); i++) {
      response.addOutputs(compact(r.outputs().get(i), request.getOutputs(i)));
    }
    for (int i = 0; i < r.contexts().size(); i++) {
      Context context = r.contexts().get(i);
      response.addContexts(
          request.getContexts(i).hasContextId()
              ? io.mlmeta.proto.v1.Context.newBuilder().setId(context.id()).build()
              : toProto(context));
    }
    return response.build();
  }

  private static io.mlmeta.proto.v1.Artifact compact(Artifact artifact, ArtifactLink link) {
    return link.hasArtifactId()
        ? io.mlmeta.proto.v1.Artifact.newBuilder().setId(artifact.id()).build()
        : toProto(artifact);
  }

  public static RecordExecutionResponse toProto(RecordedExecution r) {
    return RecordExecutionResponse.newBuilder()
        .setExecution(toProto(r.execution()))
        .addAllInputs(r.inputs().stream().map(ProtoMapper::toProto).toList())
        .addAllOutputs(r.outputs().stream().map(ProtoMapper::toProto).toList())
        .addAllContexts(r.contexts().stream().map(ProtoMapper::toProto).toList())
        .setLineagePosition(r.lineagePosition())
        .build();
  }

  public static @Nullable TypeKind kind(io.mlmeta.proto.v1.TypeKind kind) {
    return switch (kind) {
      case ARTIFACT -> TypeKind.ARTIFACT;
      case EXECUTION -> TypeKind.EXECUTION;
      case CONTEXT -> TypeKind.CONTEXT;
      case TYPE_KIND_UNSPECIFIED -> null;
      case UNRECOGNIZED -> throw new InvalidArgumentException("kind", "is not a known type kind");
    };
  }

  public static @Nullable ArtifactState state(io.mlmeta.proto.v1.ArtifactState state) {
    return switch (state) {
      case ARTIFACT_STATE_UNSPECIFIED -> null;
      case UNRECOGNIZED -> throw new InvalidArgumentException("state", "is not a known state");
      default -> ArtifactState.valueOf(state.name());
    };
  }

  public static @Nullable ExecutionState state(io.mlmeta.proto.v1.ExecutionState state) {
    return switch (state) {
      case EXECUTION_STATE_UNSPECIFIED -> null;
      case UNRECOGNIZED -> throw new InvalidArgumentException("state", "is not a known state");
      default -> ExecutionState.valueOf(state.name());
    };
  }

  public static EventType eventType(io.mlmeta.proto.v1.EventType type) {
    return EventType.valueOf(type.name());
  }

  public static io.mlmeta.server.domain.ArtifactSpec toDomain(ArtifactSpec s) {
    return new io.mlmeta.server.domain.ArtifactSpec(
        s.getType(),
        s.getExternalId(),
        StructMapper.toJson(s.getProperties()),
        state(s.getState()),
        s.getDigest());
  }

  public static io.mlmeta.server.domain.ExecutionSpec toDomain(ExecutionSpec s) {
    return new io.mlmeta.server.domain.ExecutionSpec(
        s.getType(),
        s.getExternalId(),
        s.getName(),
        s.getDescription(),
        s.getLabelsMap(),
        state(s.getState()),
        StructMapper.toJson(s.getProperties()),
        s.getErrorMessage());
  }

  public static io.mlmeta.server.domain.ContextSpec toDomain(ContextSpec s) {
    return new io.mlmeta.server.domain.ContextSpec(
        s.getType(),
        s.getExternalId(),
        s.getName(),
        s.getDescription(),
        s.getLabelsMap(),
        StructMapper.toJson(s.getProperties()),
        s.getParentContextIdsList());
  }

  public static io.mlmeta.server.domain.ArtifactFilter toDomain(ArtifactFilter f) {
    return new io.mlmeta.server.domain.ArtifactFilter(
        emptyToNull(f.getType()),
        emptyToNull(f.getName()),
        emptyToNull(f.getUri()),
        emptyToNull(f.getVersion()),
        state(f.getState()),
        f.getLabelsMap(),
        StructMapper.toJson(f.getPropertiesContain(), f.hasPropertiesContain()),
        f.hasCreatedAfter() ? instant(f.getCreatedAfter()) : null,
        f.hasCreatedBefore() ? instant(f.getCreatedBefore()) : null,
        emptyToNull(f.getExternalId()),
        f.getContextId() == 0 ? null : f.getContextId(),
        f.getRangesList().stream().map(ProtoMapper::toDomain).toList());
  }

  public static io.mlmeta.server.domain.PropertyRange toDomain(PropertyRange r) {
    return new io.mlmeta.server.domain.PropertyRange(
        r.getPath(),
        r.hasGt() ? BigDecimal.valueOf(r.getGt()) : null,
        r.hasGte() ? BigDecimal.valueOf(r.getGte()) : null,
        r.hasLt() ? BigDecimal.valueOf(r.getLt()) : null,
        r.hasLte() ? BigDecimal.valueOf(r.getLte()) : null);
  }

  /** Null when the request orders by nothing (oldest first). */
  public static io.mlmeta.server.domain.@Nullable PropertyOrder toDomain(
      PropertyOrder order, boolean present) {
    return present
        ? new io.mlmeta.server.domain.PropertyOrder(order.getPath(), order.getDescending())
        : null;
  }

  public static io.mlmeta.server.domain.ExecutionFilter toDomain(ExecutionFilter f) {
    return new io.mlmeta.server.domain.ExecutionFilter(
        emptyToNull(f.getType()),
        emptyToNull(f.getName()),
        state(f.getState()),
        f.getLabelsMap(),
        StructMapper.toJson(f.getPropertiesContain(), f.hasPropertiesContain()),
        f.hasCreatedAfter() ? instant(f.getCreatedAfter()) : null,
        f.hasCreatedBefore() ? instant(f.getCreatedBefore()) : null,
        emptyToNull(f.getExternalId()),
        f.getContextId() == 0 ? null : f.getContextId());
  }

  public static io.mlmeta.server.domain.ContextFilter toDomain(ContextFilter f) {
    return new io.mlmeta.server.domain.ContextFilter(
        emptyToNull(f.getType()),
        emptyToNull(f.getName()),
        f.getLabelsMap(),
        StructMapper.toJson(f.getPropertiesContain(), f.hasPropertiesContain()),
        f.hasCreatedAfter() ? instant(f.getCreatedAfter()) : null,
        f.hasCreatedBefore() ? instant(f.getCreatedBefore()) : null,
        emptyToNull(f.getExternalId()),
        f.getParentContextId() == 0 ? null : f.getParentContextId());
  }

  public static RecordExecution toDomain(RecordExecutionRequest r) {
    return new RecordExecution(
        r.getWorkspace(),
        r.hasExecutionId() ? r.getExecutionId() : null,
        r.hasExecution() ? toDomain(r.getExecution()) : null,
        r.getInputsList().stream().map(ProtoMapper::toDomain).toList(),
        r.getOutputsList().stream().map(ProtoMapper::toDomain).toList(),
        r.getContextsList().stream().map(ProtoMapper::toDomain).toList());
  }

  private static io.mlmeta.server.domain.ArtifactLink toDomain(ArtifactLink link) {
    return new io.mlmeta.server.domain.ArtifactLink(
        link.hasArtifactId() ? link.getArtifactId() : null,
        link.hasNewArtifact() ? toDomain(link.getNewArtifact()) : null,
        link.getReuseIfExists());
  }

  private static io.mlmeta.server.domain.ContextLink toDomain(ContextLink link) {
    return new io.mlmeta.server.domain.ContextLink(
        link.hasContextId() ? link.getContextId() : null,
        link.hasContextSpec() ? toDomain(link.getContextSpec()) : null);
  }

  public static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  public static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  private static @Nullable String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
