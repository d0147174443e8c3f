package io.mlmeta.sdk.access;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An API token, without its secret (the server keeps only a salted hash).
 *
 * @param id the public part of the bearer value {@code mlm_<id>_<secret>}
 * @param name what the creator called it
 * @param admin whether it acts as a global admin
 * @param scopes its current roles, by workspace name (owners may change them after creation)
 * @param createdBy the subject that created it
 * @param createTime when it was created, or null if the server did not say
 * @param expireTime when it expires, or null if it does not
 * @param revokeTime when it was revoked, or null while it is not
 * @param revokedBy the subject that revoked it, or null while it is not revoked
 */
public record ApiToken(
    String id,
    String name,
    boolean admin,
    Map<String, Role> scopes,
    String createdBy,
    @Nullable Instant createTime,
    @Nullable Instant expireTime,
    @Nullable Instant revokeTime,
    @Nullable String revokedBy) {

  /** Copies the scopes. */
  public ApiToken {
    scopes = Collections.unmodifiableMap(new LinkedHashMap<>(scopes));
  }

  /** Whether the token is accepted at {@code now}: neither revoked nor expired. */
  public boolean activeAt(Instant now) {
    return revokeTime == null && (expireTime == null || now.isBefore(expireTime));
  }
}
