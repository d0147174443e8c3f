package io.mlmeta.server.api.rest;

import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.service.WorkspaceService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Read-only REST access to workspaces, for scripts and health dashboards. */
@Path("/api/v1/workspaces")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class WorkspaceResource {

  @Inject CallerIdentity caller;
  @Inject WorkspaceService workspaces;

  @GET
  @Path("/{name}")
  public Workspace get(@PathParam("name") String name) {
    return workspaces.get(caller.principal(), name);
  }
}
