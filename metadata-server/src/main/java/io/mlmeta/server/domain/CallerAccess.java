package io.mlmeta.server.domain;

import io.mlmeta.server.identity.Principal;
import java.util.List;

/** A caller with what it may do, as {@code whoami} answers. */
public record CallerAccess(Principal principal, boolean admin, List<WorkspaceRole> roles) {

  public CallerAccess {
    roles = List.copyOf(roles);
  }
}
