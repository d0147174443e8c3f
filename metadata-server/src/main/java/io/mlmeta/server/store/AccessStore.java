package io.mlmeta.server.store;

import io.mlmeta.server.domain.ApiToken;
import io.mlmeta.server.domain.Grant;
import io.mlmeta.server.identity.Grantee;
import io.mlmeta.server.identity.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Persistence of grants and API tokens. Callers run inside the service's transaction. */
public interface AccessStore {

  /** The strongest role per workspace id over every grant to one of {@code grantees}. */
  Map<Long, Role> rolesOf(Set<Grantee> grantees);

  /** Gives {@code grantee} {@code role} in the workspace, replacing the role it had there. */
  Grant grant(long workspaceId, Grantee grantee, Role role, String grantedBy, Instant now);

  /** Removes the grantee's grant in the workspace; false when it had none. */
  boolean revoke(long workspaceId, Grantee grantee);

  /** The grants of one workspace, ordered by grantee kind and name. */
  List<Grant> grants(long workspaceId);

  /** How many grantees hold OWNER in the workspace. */
  int ownerCount(long workspaceId);

  /** A stored token with what is needed to check a presented secret. */
  record StoredToken(ApiToken token, byte[] salt, byte[] secretHash) {}

  void insertToken(
      String id,
      String name,
      byte[] salt,
      byte[] secretHash,
      boolean admin,
      String createdBy,
      Instant now,
      @Nullable Instant expireTime);

  Optional<StoredToken> findToken(String id);

  /**
   * Tokens with ids after {@code afterId}, by id, at most {@code limit}.
   *
   * @param createdBy only the tokens this subject created, or every token when null
   * @param activeAt leave out tokens revoked or expired at this time, or keep them when null
   */
  List<ApiToken> tokens(
      @Nullable String createdBy, String afterId, int limit, @Nullable Instant activeAt);

  /** Marks the token revoked unless it already is; empty when there is no such token. */
  Optional<ApiToken> revokeToken(String id, String revokedBy, Instant now);
}
