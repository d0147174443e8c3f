package io.mlmeta.server.domain;

import io.mlmeta.server.identity.Grantee;
import io.mlmeta.server.identity.Role;
import java.time.Instant;

/**
 * A role in a workspace given to a user, group or API token.
 *
 * @param grantedBy the subject of the principal that gave it
 */
public record Grant(
    String workspace, Grantee grantee, Role role, String grantedBy, Instant grantTime) {}
