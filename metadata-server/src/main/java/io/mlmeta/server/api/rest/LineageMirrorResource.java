package io.mlmeta.server.api.rest;

import io.mlmeta.server.api.http.CallerIdentity;
import io.mlmeta.server.lineage.MirrorAdmin;
import io.mlmeta.server.lineage.MirrorReport;
import io.mlmeta.server.lineage.MirrorStatus;
import io.mlmeta.server.lineage.RebuildReport;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Administration of the Neo4j lineage mirror for operators with curl and for probes. */
@Path("/api/v1/admin/lineage-mirror")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class LineageMirrorResource {

  @Inject CallerIdentity caller;
  @Inject MirrorAdmin admin;

  @GET
  public MirrorStatus status() {
    return admin.status(caller.principal());
  }

  @POST
  @Path("/check")
  public MirrorReport check(@QueryParam("repair") @DefaultValue("false") boolean repair) {
    return repair ? admin.repair(caller.principal()) : admin.check(caller.principal());
  }

  @POST
  @Path("/rebuild")
  public RebuildReport rebuild() {
    return admin.rebuild(caller.principal());
  }
}
