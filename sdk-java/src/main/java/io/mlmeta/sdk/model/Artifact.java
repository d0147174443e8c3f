package io.mlmeta.sdk.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An artifact of one of the built-in types: {@link DataSet}, {@link Model} or {@link Metrics}.
 * Instances are immutable. One built by a builder is <em>unsaved</em> ({@link #id()} is 0 and
 * {@link #createTime()} null); the SDK returns saved copies from its logging and listing calls.
 */
public sealed interface Artifact permits DataSet, Model, Metrics {

  /** Server-assigned id; 0 for an artifact that is not saved yet. */
  long id();

  /** Name of the workspace the artifact belongs to; null while unsaved. */
  @Nullable String workspace();

  /**
   * Client-chosen idempotency key: writes with the same key return the artifact written first. Null
   * lets the SDK generate one per logging call.
   */
  @Nullable String externalId();

  /** When the server stored the artifact; null while unsaved. */
  @Nullable Instant createTime();

  /** The artifact's state; null while unsaved (the server stores {@code LIVE} by default). */
  @Nullable ArtifactState state();

  /** Where the artifact's content lives, for example {@code gs://bucket/path}. */
  @Nullable String uri();

  /** The artifact's name. */
  @Nullable String name();

  /** Free-form description, or null. */
  @Nullable String description();

  /** Who owns the artifact, or null. */
  @Nullable String owner();

  /** Free-form string labels; never null. */
  Map<String, String> labels();

  /** Content digest such as {@code sha256:...}, or null. */
  @Nullable String digest();

  /** The server-side type name: {@code Dataset}, {@code Model} or {@code Metrics}. */
  String typeName();

  /** Whether the server has stored this artifact (its id is known). */
  default boolean isSaved() {
    return id() != 0;
  }

  /** The type name of an artifact class, as {@link #typeName()} returns it. */
  static String typeName(Class<? extends Artifact> kind) {
    if (kind == DataSet.class) {
      return DataSet.TYPE;
    }
    if (kind == Model.class) {
      return Model.TYPE;
    }
    if (kind == Metrics.class) {
      return Metrics.TYPE;
    }
    throw new IllegalArgumentException("not an artifact class: " + kind);
  }
}
