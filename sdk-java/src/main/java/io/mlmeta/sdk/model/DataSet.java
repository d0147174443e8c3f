package io.mlmeta.sdk.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A data set read or written by an execution (Kubeflow Metadata's {@code DataSet}; server type
 * {@code Dataset}). Logging a data set with the same workspace, uri, name and version as an
 * existing one returns the existing one.
 *
 * @param id server-assigned id, 0 while unsaved
 * @param workspace workspace name, null while unsaved
 * @param externalId idempotency key, or null to let the SDK generate one
 * @param createTime when it was stored, null while unsaved
 * @param state artifact state, null while unsaved
 * @param uri where the data lives, required
 * @param name the data set's name, required
 * @param version its version, or null
 * @param description free-form description, or null
 * @param owner who owns it, or null
 * @param query the query that produced the data, or null
 * @param labels free-form string labels, never null
 * @param digest content digest, or null
 */
public record DataSet(
    long id,
    @Nullable String workspace,
    @Nullable String externalId,
    @Nullable Instant createTime,
    @Nullable ArtifactState state,
    @Nullable String uri,
    @Nullable String name,
    @Nullable String version,
    @Nullable String description,
    @Nullable String owner,
    @Nullable String query,
    Map<String, String> labels,
    @Nullable String digest)
    implements Artifact {

  /** The server-side type name. */
  public static final String TYPE = "Dataset";

  /** Makes the labels immutable. */
  public DataSet {
    labels = Values.labels(labels);
  }

  @Override
  public String typeName() {
    return TYPE;
  }

  /** A builder of an unsaved data set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this data set's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.workspace = workspace;
    b.externalId = externalId;
    b.createTime = createTime;
    b.state = state;
    b.uri = uri;
    b.name = name;
    b.version = version;
    b.description = description;
    b.owner = owner;
    b.query = query;
    b.labels = labels;
    b.digest = digest;
    return b;
  }

  /** Builds {@link DataSet}s; every field is optional here, the server checks what is required. */
  public static final class Builder {
    private long id;
    private @Nullable String workspace;
    private @Nullable String externalId;
    private @Nullable Instant createTime;
    private @Nullable ArtifactState state;
    private @Nullable String uri;
    private @Nullable String name;
    private @Nullable String version;
    private @Nullable String description;
    private @Nullable String owner;
    private @Nullable String query;
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

    /** Sets where the data lives. */
    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    /** Sets the name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets the version. */
    public Builder version(@Nullable String version) {
      this.version = version;
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

    /** Sets the query that produced the data. */
    public Builder query(@Nullable String query) {
      this.query = query;
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

    /** The data set. */
    public DataSet build() {
      return new DataSet(
          id,
          workspace,
          externalId,
          createTime,
          state,
          uri,
          name,
          version,
          description,
          owner,
          query,
          labels,
          digest);
    }
  }
}
