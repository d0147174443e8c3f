package io.mlmeta.server.observability;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Ready only while PostgreSQL answers. Health endpoints are unauthenticated, so the answer says
 * whether, never where or why in detail: the driver's message (host, port, user) goes to the log.
 * Replaces the datasource extension's own check, whose DOWN answer carries that message.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(DatabaseHealthCheck.class);
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final DataSource dataSource;

  DatabaseHealthCheck(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public HealthCheckResponse call() {
    boolean up;
    try (Connection connection = dataSource.getConnection()) {
      up = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
    } catch (SQLException | RuntimeException e) {
      LOG.warnf("Readiness: the metadata database is unavailable: %s", e.getMessage());
      up = false;
    }
    return HealthCheckResponse.named("Metadata database (PostgreSQL)").status(up).build();
  }
}
