package io.mlmeta.sdk.grpc;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import io.mlmeta.proto.v1.ArtifactFilter;
import io.mlmeta.proto.v1.ArtifactSpec;
import io.mlmeta.sdk.model.Artifact;
import io.mlmeta.sdk.model.ArtifactQuery;
import io.mlmeta.sdk.model.ArtifactState;
import io.mlmeta.sdk.model.DataSet;
import io.mlmeta.sdk.model.ExecutionState;
import io.mlmeta.sdk.model.Metrics;
import io.mlmeta.sdk.model.Model;
import io.mlmeta.sdk.model.TrainingFramework;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps the SDK's records to and from the generated protobuf messages. Each artifact field lives in
 * the artifact's {@code properties} under its snake_case name. Internal to the SDK.
 */
public final class Protos {

  private Protos() {}

  /** The spec of a new artifact; the external id is the record's own when it has one. */
  public static ArtifactSpec spec(Artifact artifact, String externalId) {
    ArtifactSpec.Builder spec =
        ArtifactSpec.newBuilder()
            .setType(artifact.typeName())
            .setExternalId(externalId)
            .setProperties(Structs.toStruct(properties(artifact)));
    if (artifact.state() != null) {
      spec.setState(io.mlmeta.proto.v1.ArtifactState.valueOf(artifact.state().name()));
    }
    if (artifact.digest() != null) {
      spec.setDigest(artifact.digest());
    }
    return spec.build();
  }

  /** The properties document of an artifact; absent fields are left out. */
  public static Map<String, Object> properties(Artifact artifact) {
    Map<String, Object> p = new LinkedHashMap<>();
    put(p, "uri", artifact.uri());
    put(p, "name", artifact.name());
    if (artifact instanceof DataSet d) {
      put(p, "version", d.version());
      put(p, "query", d.query());
    } else if (artifact instanceof Model m) {
      put(p, "version", m.version());
      put(p, "model_type", m.modelType());
      if (m.trainingFramework() != null) {
        Map<String, Object> framework = new LinkedHashMap<>();
        put(framework, "name", m.trainingFramework().name());
        put(framework, "version", m.trainingFramework().version());
        p.put("training_framework", framework);
      }
      if (!m.hyperparameters().isEmpty()) {
        p.put("hyperparameters", m.hyperparameters());
      }
    } else if (artifact instanceof Metrics m) {
      put(p, "data_set_id", m.dataSetId());
      put(p, "model_id", m.modelId());
      Metrics.Type metricsType = m.metricsType();
      put(p, "metrics_type", metricsType == null ? null : metricsType.wireName());
      if (!m.values().isEmpty()) {
        p.put("values", m.values());
      }
    }
    put(p, "description", artifact.description());
    put(p, "owner", artifact.owner());
    if (!artifact.labels().isEmpty()) {
      p.put("labels", artifact.labels());
    }
    return p;
  }

  /** The record of a stored artifact, of the class its type names. */
  public static Artifact artifact(io.mlmeta.proto.v1.Artifact proto) {
    Map<String, Object> p = Structs.toMap(proto.getProperties());
    long id = proto.getId();
    String ws = proto.getWorkspace();
    String externalId = emptyToNull(proto.getExternalId());
    Instant created = instant(proto.hasCreateTime() ? proto.getCreateTime() : null);
    ArtifactState state = artifactState(proto.getState());
    String digest = emptyToNull(proto.getDigest());
    return switch (proto.getType()) {
      case DataSet.TYPE ->
          new DataSet(
              id,
              ws,
              externalId,
              created,
              state,
              text(p, "uri"),
              text(p, "name"),
              text(p, "version"),
              text(p, "description"),
              text(p, "owner"),
              text(p, "query"),
              labels(p),
              digest);
      case Model.TYPE ->
          new Model(
              id,
              ws,
              externalId,
              created,
              state,
              text(p, "uri"),
              text(p, "name"),
              text(p, "version"),
              text(p, "description"),
              text(p, "owner"),
              text(p, "model_type"),
              framework(p.get("training_framework")),
              map(p.get("hyperparameters")),
              labels(p),
              digest);
      case Metrics.TYPE ->
          new Metrics(
              id,
              ws,
              externalId,
              created,
              state,
              text(p, "uri"),
              text(p, "name"),
              text(p, "description"),
              text(p, "owner"),
              longValue(p.get("data_set_id")),
              longValue(p.get("model_id")),
              metricsType(text(p, "metrics_type")),
              doubles(p.get("values")),
              labels(p),
              digest);
      default ->
          throw new IllegalArgumentException(
              "artifact " + id + " has type " + proto.getType() + ", not a built-in artifact type");
    };
  }

  /** The record of a stored artifact, checked against the expected class. */
  public static <T extends Artifact> T artifact(io.mlmeta.proto.v1.Artifact proto, Class<T> kind) {
    return kind.cast(artifact(proto));
  }

  /** The server filter of a query for one artifact type. */
  public static ArtifactFilter filter(String type, ArtifactQuery query) {
    ArtifactFilter.Builder f = ArtifactFilter.newBuilder().setType(type);
    if (query.name() != null) {
      f.setName(query.name());
    }
    if (query.uri() != null) {
      f.setUri(query.uri());
    }
    if (query.version() != null) {
      f.setVersion(query.version());
    }
    if (query.state() != null) {
      f.setState(io.mlmeta.proto.v1.ArtifactState.valueOf(query.state().name()));
    }
    f.putAllLabels(query.labels());
    if (!query.propertiesContain().isEmpty()) {
      f.setPropertiesContain(Structs.toStruct(query.propertiesContain()));
    }
    if (query.createdAfter() != null) {
      f.setCreatedAfter(timestamp(query.createdAfter()));
    }
    if (query.createdBefore() != null) {
      f.setCreatedBefore(timestamp(query.createdBefore()));
    }
    if (query.externalId() != null) {
      f.setExternalId(query.externalId());
    }
    f.setContextId(query.contextId());
    return f.build();
  }

  /** The SDK state of a proto artifact state; null when unspecified. */
  public static @Nullable ArtifactState artifactState(io.mlmeta.proto.v1.ArtifactState state) {
    return switch (state) {
      case ARTIFACT_STATE_UNSPECIFIED, UNRECOGNIZED -> null;
      default -> ArtifactState.valueOf(state.name());
    };
  }

  /** The SDK state of a proto execution state; null when unspecified. */
  public static @Nullable ExecutionState executionState(io.mlmeta.proto.v1.ExecutionState state) {
    return switch (state) {
      case EXECUTION_STATE_UNSPECIFIED, UNRECOGNIZED -> null;
      default -> ExecutionState.valueOf(state.name());
    };
  }

  /** The proto state of an SDK execution state. */
  public static io.mlmeta.proto.v1.ExecutionState executionState(ExecutionState state) {
    return io.mlmeta.proto.v1.ExecutionState.valueOf(state.name());
  }

  /**
   * The instant of a timestamp, rounded to the nearest microsecond (the precision the server
   * stores, so that a record returned by a write equals the same record read back); null for null.
   */
  public static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    if (timestamp == null) {
      return null;
    }
    long micros = Math.round(timestamp.getNanos() / 1000.0);
    return Instant.ofEpochSecond(timestamp.getSeconds()).plusNanos(micros * 1000);
  }

  /** The timestamp of an instant. */
  public static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  /** A Struct of a JSON-like map. */
  public static Struct struct(Map<String, ?> map) {
    return Structs.toStruct(map);
  }

  /** Null for an empty string. */
  public static @Nullable String emptyToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static void put(Map<String, Object> map, String key, @Nullable Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static @Nullable String text(Map<String, Object> p, String key) {
    Object value = p.get(key);
    return value == null ? null : value.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(@Nullable Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static Map<String, String> labels(Map<String, Object> p) {
    Map<String, String> labels = new LinkedHashMap<>();
    map(p.get("labels")).forEach((k, v) -> labels.put(k, v == null ? null : v.toString()));
    return labels;
  }

  private static Map<String, Double> doubles(@Nullable Object value) {
    Map<String, Double> doubles = new LinkedHashMap<>();
    map(value).forEach((k, v) -> doubles.put(k, v instanceof Number n ? n.doubleValue() : null));
    return doubles;
  }

  private static @Nullable TrainingFramework framework(@Nullable Object value) {
    Map<String, Object> f = map(value);
    Object name = f.get("name");
    if (name == null) {
      return null;
    }
    Object version = f.get("version");
    return new TrainingFramework(name.toString(), version == null ? null : version.toString());
  }

  private static Metrics.@Nullable Type metricsType(@Nullable String wireName) {
    return wireName == null ? null : Metrics.Type.fromWireName(wireName);
  }

  private static @Nullable Long longValue(@Nullable Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s && !s.isBlank()) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
