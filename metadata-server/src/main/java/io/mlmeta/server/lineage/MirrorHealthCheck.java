package io.mlmeta.server.lineage;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Reports the Neo4j mirror under {@code /q/health/well}. It is deliberately not a readiness check:
 * writes and PostgreSQL-answered lineage keep working while Neo4j is down, so the server must stay
 * in service.
 */
@Wellness
@ApplicationScoped
public class MirrorHealthCheck implements HealthCheck {

  private final MirrorAdmin admin;

  MirrorHealthCheck(MirrorAdmin admin) {
    this.admin = admin;
  }

  @Override
  public HealthCheckResponse call() {
    MirrorStatus status = admin.status();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("Lineage mirror (Neo4j)")
            .withData("configured", status.configured())
            .withData("reachable", status.reachable())
            .withData("leader", status.leader())
            .withData("mirrorPosition", status.mirrorPosition())
            .withData("lagRows", status.lagRows());
    if (status.lastError() != null) {
      response.withData("lastError", status.lastError());
    }
    // Connected once is not enough: a mirror whose writes fail (Neo4j gone since) is not well.
    return response
        .status(!status.configured() || (status.reachable() && status.lastError() == null))
        .build();
  }
}
