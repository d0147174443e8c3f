package io.mlmeta.sdk.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Evaluation results of a model on a data set (Kubeflow Metadata's {@code Metrics}). Unlike data
 * sets and models, metrics are not de-duplicated: each logging call stores new metrics (a retried
 * call still stores them once).
 *
 * @param id server-assigned id, 0 while unsaved
 * @param workspace workspace name, null while unsaved
 * @param externalId idempotency key, or null to let the SDK generate one
 * @param createTime when they were stored, null while unsaved
 * @param state artifact state, null while unsaved
 * @param uri where the metrics live, required
 * @param name the metrics' name, required
 * @param description free-form description, or null
 * @param owner who owns them, or null
 * @param dataSetId id of the {@link DataSet} evaluated on, or null
 * @param modelId id of the {@link Model} evaluated, or null
 * @param metricsType what kind of evaluation, or null
 * @param values metric name to value, never null
 * @param labels free-form string labels, never null
 * @param digest content digest, or null
 */
public record Metrics(
    long id,
    @Nullable String workspace,
    @Nullable String externalId,
    @Nullable Instant createTime,
    @Nullable ArtifactState state,
    @Nullable String uri,
    @Nullable String name,
    @Nullable String description,
    @Nullable String owner,
    @Nullable Long dataSetId,
    @Nullable Long modelId,
    @Nullable Type metricsType,
    Map<String, Double> values,
    Map<String, String> labels,
    @Nullable String digest)
    implements Artifact {

  /** The server-side type name. */
  public static final String TYPE = "Metrics";

  /** Makes the maps immutable. */
  public Metrics {
    values = Values.numbers(values);
    labels = Values.labels(labels);
  }

  /** What kind of evaluation produced the metrics (Kubeflow Metadata's metrics types). */
  public enum Type {
    TRAINING,
    VALIDATION,
    TESTING,
    PRODUCTION;

    /** The value stored on the server, such as {@code "validation"}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a stored value, case-insensitively. */
    public static Type fromWireName(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  @Override
  public String typeName() {
    return TYPE;
  }

  /** A builder of unsaved metrics. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these metrics' fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.workspace = workspace;
    b.externalId = externalId;
    b.createTime = createTime;
    b.state = state;
    b.uri = uri;
    b.name = name;
    b.description = description;
    b.owner = owner;
    b.dataSetId = dataSetId;
    b.modelId = modelId;
    b.metricsType = metricsType;
    b.values = values;
    b.labels = labels;
    b.digest = digest;
    return b;
  }

  /** Builds {@link Metrics}; every field is optional here, the server checks what is required. */
  public static final class Builder {
    private long id;
    private @Nullable String workspace;
    private @Nullable String externalId;
    private @Nullable Instant createTime;
    private @Nullable ArtifactState state;
    private @Nullable String uri;
    private @Nullable String name;
    private @Nullable String description;
    private @Nullable String owner;
    private @Nullable Long dataSetId;
    private @Nullable Long modelId;
    private @Nullable Type metricsType;
    private Map<String, Double> values = Map.of();
    private Map<String, String> labels = Map.of();
    private @Nullable String digest;

    private Builder() {}

    /** Sets the id (normally left to the server). */
    public Builder id(long id) {
      this.id = id;
      return this;
    }

    /** Sets the workspace name (normally left to the server). */
    public Builder workspace(@Nullable String workspace) {
      this.workspace = workspace;
      return this;
    }

    /** Sets the idempotency key; null lets the SDK generate one. */
    public Builder externalId(@Nullable String externalId) {
      this.externalId = externalId;
      return this;
    }

    /** Sets the creation time (normally left to the server). */
    public Builder createTime(@Nullable Instant createTime) {
      this.createTime = createTime;
      return this;
    }

    /** Sets the state; null stores {@code LIVE}. */
    public Builder state(@Nullable ArtifactState state) {
      this.state = state;
      return this;
    }

    /** Sets where the metrics live. */
    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    /** Sets the name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets the description. */
    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /** Sets the owner. */
    public Builder owner(@Nullable String owner) {
      this.owner = owner;
      return this;
    }

    /** Sets the id of the data set evaluated on. */
    public Builder dataSetId(@Nullable Long dataSetId) {
      this.dataSetId = dataSetId;
      return this;
    }

    /** Sets the id of the model evaluated. */
    public Builder modelId(@Nullable Long modelId) {
      this.modelId = modelId;
      return this;
    }

    /** Sets the kind of evaluation. */
    public Builder metricsType(@Nullable Type metricsType) {
      this.metricsType = metricsType;
      return this;
    }

    /** Sets the metric values. */
    public Builder values(Map<String, Double> values) {
      this.values = values;
      return this;
    }

    /** Sets the labels. */
    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    /** Sets the content digest, such as {@code sha256:...}. */
    public Builder digest(@Nullable String digest) {
      this.digest = digest;
      return this;
    }

    /** The metrics. */
    public Metrics build() {
      return new Metrics(
          id,
          workspace,
          externalId,
          createTime,
          state,
          uri,
          name,
          description,
          owner,
          dataSetId,
          modelId,
          metricsType,
          values,
          labels,
          digest);
    }
  }
}
