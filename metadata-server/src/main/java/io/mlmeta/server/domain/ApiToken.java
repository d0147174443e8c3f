package io.mlmeta.server.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An API token as its creator and admins see it; never its secret.
 *
 * @param id the public part of the bearer value
 * @param scopes the token's grants, which owners may change after creation
 * @param expireTime null when the token does not expire
 * @param revokeTime null until revoked
 */
public record ApiToken(
    String id,
    String name,
    boolean admin,
    List<WorkspaceRole> scopes,
    String createdBy,
    Instant createTime,
    @Nullable Instant expireTime,
    @Nullable Instant revokeTime,
    @Nullable String revokedBy) {

  public ApiToken {
    scopes = List.copyOf(scopes);
  }

  /** Whether the token authenticates at {@code now}: not revoked and not expired. */
  public boolean activeAt(Instant now) {
    return revokeTime == null && (expireTime == null || now.isBefore(expireTime));
  }
}
