package io.mlmeta.sdk.access;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A role in a workspace held by a grantee.
 *
 * @param workspace the workspace's name
 * @param grantee who holds the role
 * @param role the role
 * @param grantedBy the subject that granted it
 * @param grantTime when, or null if the server did not say
 */
public record Grant(
    String workspace, Grantee grantee, Role role, String grantedBy, @Nullable Instant grantTime) {}
