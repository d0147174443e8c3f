package io.mlmeta.server.domain;

import io.mlmeta.server.identity.Role;

/** A role in one workspace, named by the workspace's name. */
public record WorkspaceRole(String workspace, Role role) {}
