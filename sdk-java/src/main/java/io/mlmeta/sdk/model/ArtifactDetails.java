package io.mlmeta.sdk.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every field the server stores for an artifact of any type, built-in or custom, as read back.
 * Typed fields of the built-in types ({@link Model#owner()}, ...) live in {@link #properties()}.
 *
 * @param id server-assigned id
 * @param workspace workspace name
 * @param type type name, for example {@code Dataset}
 * @param externalId idempotency key, or null
 * @param uri where the content lives, or null
 * @param name the name, or null
 * @param version the version, or null
 * @param state the state, or null when unspecified
 * @param properties the properties document, never null
 * @param digest content digest such as {@code sha256:...}, or null
 * @param createTime when it was stored
 * @param updateTime when it last changed
 */
public record ArtifactDetails(
    long id,
    String workspace,
    String type,
    @Nullable String externalId,
    @Nullable String uri,
    @Nullable String name,
    @Nullable String version,
    @Nullable ArtifactState state,
    Map<String, Object> properties,
    @Nullable String digest,
    @Nullable Instant createTime,
    @Nullable Instant updateTime) {

  /** Makes the properties immutable. */
  public ArtifactDetails {
    properties = Values.document(properties);
  }

  /** The {@code owner} property, or null. */
  public @Nullable String owner() {
    Object owner = properties.get("owner");
    return owner == null ? null : owner.toString();
  }
}
