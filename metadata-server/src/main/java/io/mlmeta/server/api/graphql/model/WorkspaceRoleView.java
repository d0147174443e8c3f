package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.domain.WorkspaceRole;
import io.mlmeta.server.identity.Role;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("WorkspaceRole")
@Input("WorkspaceRoleInput")
@Description("A role in one workspace.")
public record WorkspaceRoleView(@NonNull String workspace, @NonNull Role role) {

  public static WorkspaceRoleView from(WorkspaceRole role) {
    return new WorkspaceRoleView(role.workspace(), role.role());
  }

  public WorkspaceRole toDomain() {
    return new WorkspaceRole(workspace, role);
  }
}
