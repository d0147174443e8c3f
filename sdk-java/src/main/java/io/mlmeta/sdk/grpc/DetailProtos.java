package io.mlmeta.sdk.grpc;

import io.mlmeta.proto.v1.Context;
import io.mlmeta.proto.v1.Execution;
import io.mlmeta.proto.v1.Type;
import io.mlmeta.sdk.lineage.EdgeType;
import io.mlmeta.sdk.model.ArtifactDetails;
import io.mlmeta.sdk.model.ContextDetails;
import io.mlmeta.sdk.model.Event;
import io.mlmeta.sdk.model.ExecutionDetails;
import io.mlmeta.sdk.model.MetadataType;
import io.mlmeta.sdk.model.TypeKind;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps stored artifacts, executions, contexts, events and types of any type to the SDK's detail
 * records. Internal to the SDK.
 */
public final class DetailProtos {

  private DetailProtos() {}

  /** Every stored field of an artifact; uri, name and version fall back to the properties. */
  public static ArtifactDetails artifact(io.mlmeta.proto.v1.Artifact a) {
    Map<String, Object> properties = Structs.toMap(a.getProperties());
    return new ArtifactDetails(
        a.getId(),
        a.getWorkspace(),
        a.getType(),
        Protos.emptyToNull(a.getExternalId()),
        orProperty(a.getUri(), properties, "uri"),
        orProperty(a.getName(), properties, "name"),
        orProperty(a.getVersion(), properties, "version"),
        Protos.artifactState(a.getState()),
        properties,
        Protos.emptyToNull(a.getDigest()),
        Protos.instant(a.hasCreateTime() ? a.getCreateTime() : null),
        Protos.instant(a.hasUpdateTime() ? a.getUpdateTime() : null));
  }

  /** Every stored field of an execution. */
  public static ExecutionDetails execution(Execution e) {
    return new ExecutionDetails(
        e.getId(),
        e.getWorkspace(),
        e.getType(),
        Protos.emptyToNull(e.getExternalId()),
        e.getName(),
        Protos.emptyToNull(e.getDescription()),
        e.getLabelsMap(),
        Protos.executionState(e.getState()),
        Structs.toMap(e.getProperties()),
        Protos.emptyToNull(e.getErrorMessage()),
        Protos.instant(e.hasStartTime() ? e.getStartTime() : null),
        Protos.instant(e.hasEndTime() ? e.getEndTime() : null),
        Protos.instant(e.hasCreateTime() ? e.getCreateTime() : null),
        Protos.instant(e.hasUpdateTime() ? e.getUpdateTime() : null));
  }

  /** Every stored field of a context. */
  public static ContextDetails context(Context c) {
    return new ContextDetails(
        c.getId(),
        c.getWorkspace(),
        c.getType(),
        Protos.emptyToNull(c.getExternalId()),
        c.getName(),
        Protos.emptyToNull(c.getDescription()),
        c.getLabelsMap(),
        Structs.toMap(c.getProperties()),
        c.getParentContextIdsList(),
        Protos.instant(c.hasCreateTime() ? c.getCreateTime() : null),
        Protos.instant(c.hasUpdateTime() ? c.getUpdateTime() : null));
  }

  /** An event. */
  public static Event event(io.mlmeta.proto.v1.Event e) {
    return new Event(
        e.getArtifactId(),
        e.getExecutionId(),
        e.getType() == io.mlmeta.proto.v1.EventType.INPUT ? EdgeType.INPUT : EdgeType.OUTPUT,
        Protos.instant(e.hasTime() ? e.getTime() : null));
  }

  /** A registered type. */
  public static MetadataType type(Type t) {
    return new MetadataType(
        kind(t.getKind()),
        t.getName(),
        t.getVersion(),
        Protos.emptyToNull(t.getDescription()),
        Structs.toMap(t.getPropertiesSchema()),
        t.getBuiltin(),
        Protos.instant(t.hasCreateTime() ? t.getCreateTime() : null),
        Protos.instant(t.hasUpdateTime() ? t.getUpdateTime() : null));
  }

  /** The SDK kind of a proto kind; null when unspecified. */
  public static @Nullable TypeKind kind(io.mlmeta.proto.v1.TypeKind kind) {
    return switch (kind) {
      case ARTIFACT -> TypeKind.ARTIFACT;
      case EXECUTION -> TypeKind.EXECUTION;
      case CONTEXT -> TypeKind.CONTEXT;
      case TYPE_KIND_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  /** The proto kind of an SDK kind; unspecified (every kind) for null. */
  public static io.mlmeta.proto.v1.TypeKind kind(@Nullable TypeKind kind) {
    return kind == null
        ? io.mlmeta.proto.v1.TypeKind.TYPE_KIND_UNSPECIFIED
        : io.mlmeta.proto.v1.TypeKind.valueOf(kind.name());
  }

  private static @Nullable String orProperty(
      String field, Map<String, Object> properties, String key) {
    if (field != null && !field.isEmpty()) {
      return field;
    }
    Object value = properties.get(key);
    return value == null ? null : value.toString();
  }
}
