package io.mlmeta.sdk.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A filtered, paged artifact listing. Every set field narrows the result; the artifact type comes
 * from the class passed to {@code Workspace.list}.
 *
 * @param name exact artifact name, or null
 * @param uri exact uri, or null
 * @param version exact version, or null
 * @param state artifact state, or null for any
 * @param labels artifacts whose labels contain all of these; never null
 * @param propertiesContain artifacts whose properties contain this JSON-like document; never null
 * @param createdAfter lower bound of the creation time, or null
 * @param createdBefore upper bound of the creation time, or null
 * @param externalId exact external id, or null
 * @param contextId artifacts attributed to this context (for example a run's id), or 0 for any
 * @param pageSize 1 to 1000, or 0 for the server's default (100)
 * @param pageToken the token of the page to fetch, or null for the first
 */
public record ArtifactQuery(
    @Nullable String name,
    @Nullable String uri,
    @Nullable String version,
    @Nullable ArtifactState state,
    Map<String, String> labels,
    Map<String, Object> propertiesContain,
    @Nullable Instant createdAfter,
    @Nullable Instant createdBefore,
    @Nullable String externalId,
    long contextId,
    int pageSize,
    @Nullable String pageToken) {

  /** Makes the maps immutable. */
  public ArtifactQuery {
    labels = Values.labels(labels);
    propertiesContain = Values.document(propertiesContain);
  }

  /** A query of the first page of everything. */
  public static ArtifactQuery all() {
    return builder().build();
  }

  /** A builder of queries. */
  public static Builder builder() {
    return new Builder();
  }

  /** The same query for the page with the given token. */
  public ArtifactQuery withPageToken(@Nullable String token) {
    return new ArtifactQuery(
        name,
        uri,
        version,
        state,
        labels,
        propertiesContain,
        createdAfter,
        createdBefore,
        externalId,
        contextId,
        pageSize,
        token);
  }

  /** Builds {@link ArtifactQuery}s. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable String uri;
    private @Nullable String version;
    private @Nullable ArtifactState state;
    private Map<String, String> labels = Map.of();
    private Map<String, ?> propertiesContain = Map.of();
    private @Nullable Instant createdAfter;
    private @Nullable Instant createdBefore;
    private @Nullable String externalId;
    private long contextId;
    private int pageSize;
    private @Nullable String pageToken;

    private Builder() {}

    /** Only artifacts with this name. */
    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    /** Only artifacts with this uri. */
    public Builder uri(@Nullable String uri) {
      this.uri = uri;
      return this;
    }

    /** Only artifacts with this version. */
    public Builder version(@Nullable String version) {
      this.version = version;
      return this;
    }

    /** Only artifacts in this state. */
    public Builder state(@Nullable ArtifactState state) {
      this.state = state;
      return this;
    }

    /** Only artifacts whose labels contain all of these. */
    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    /** Only artifacts whose properties contain this document, e.g. {@code {"owner": "me"}}. */
    public Builder propertiesContain(Map<String, ?> propertiesContain) {
      this.propertiesContain = propertiesContain;
      return this;
    }

    /** Only artifacts created after this instant. */
    public Builder createdAfter(@Nullable Instant createdAfter) {
      this.createdAfter = createdAfter;
      return this;
    }

    /** Only artifacts created before this instant. */
    public Builder createdBefore(@Nullable Instant createdBefore) {
      this.createdBefore = createdBefore;
      return this;
    }

    /** Only the artifact with this external id. */
    public Builder externalId(@Nullable String externalId) {
      this.externalId = externalId;
      return this;
    }

    /** Only artifacts attributed to the context with this id (a run's {@code id()}). */
    public Builder contextId(long contextId) {
      this.contextId = contextId;
      return this;
    }

    /** Page size, 1 to 1000. */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /** The token of the page to fetch, from {@link Page#nextPageToken()}. */
    public Builder pageToken(@Nullable String pageToken) {
      this.pageToken = pageToken;
      return this;
    }

    /** The query. */
    public ArtifactQuery build() {
      return new ArtifactQuery(
          name,
          uri,
          version,
          state,
          labels,
          Values.document(propertiesContain),
          createdAfter,
          createdBefore,
          externalId,
          contextId,
          pageSize,
          pageToken);
    }
  }
}
