package io.mlmeta.server.lineage;

import io.mlmeta.graph.LineageGraph;
import io.mlmeta.graph.WritableLineageGraph;
import io.mlmeta.graph.neo4j.Neo4jLineageGraph;
import io.mlmeta.graph.postgres.PostgresLineageGraph;
import io.mlmeta.server.config.MlmetaConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * The lineage engines this server can ask: PostgreSQL (always; the source of truth) and the Neo4j
 * mirror (when configured). Neo4j may be down at start or later; it is connected lazily and
 * re-connected after failures, never blocking the server.
 */
@ApplicationScoped
public class LineageEngines {

  private static final Logger LOG = Logger.getLogger(LineageEngines.class);
  private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);

  private final PostgresLineageGraph postgres;
  private final Optional<String> neo4jUri;
  private final MlmetaConfig.Lineage.Neo4j neo4jConfig;
  private @Nullable Driver driver;
  private @Nullable Neo4jLineageGraph neo4j;
  private final Clock clock;
  private Instant nextAttempt = Instant.MIN;
  private @Nullable String connectFailure;

  LineageEngines(DataSource dataSource, MlmetaConfig config, Clock clock) {
    this.clock = clock;
    this.postgres = new PostgresLineageGraph(dataSource);
    this.neo4jConfig = config.lineage().neo4j();
    this.neo4jUri = neo4jConfig.uri().filter(uri -> !uri.isBlank());
  }

  public LineageGraph postgres() {
    return postgres;
  }

  /** Whether a Neo4j mirror is configured at all. */
  public boolean mirrorConfigured() {
    return neo4jUri.isPresent();
  }

  /**
   * The Neo4j mirror, if configured and reachable (constraints created on first connect): read by
   * the router, written only by the projector.
   */
  public synchronized Optional<WritableLineageGraph> neo4j() {
    if (neo4j != null || neo4jUri.isEmpty() || clock.instant().isBefore(nextAttempt)) {
      return Optional.ofNullable(neo4j);
    }
    try {
      if (driver == null) {
        driver =
            GraphDatabase.driver(
                neo4jUri.get(),
                neo4jConfig.password().isPresent()
                    ? AuthTokens.basic(neo4jConfig.user(), neo4jConfig.password().get())
                    : AuthTokens.none(),
                Config.builder()
                    .withConnectionTimeout(5, TimeUnit.SECONDS)
                    .withMaxTransactionRetryTime(5, TimeUnit.SECONDS)
                    .withLogging(org.neo4j.driver.Logging.none())
                    .build());
      }
      neo4j = Neo4jLineageGraph.open(driver);
      LOG.infof("Lineage mirror connected to Neo4j at %s", neo4jUri.get());
      connectFailure = null;
    } catch (RuntimeException e) {
      nextAttempt = clock.instant().plus(RECONNECT_PAUSE);
      String cause = String.valueOf(e.getMessage());
      // Once per distinct cause: a mirror that cannot create its schema retries every few seconds.
      if (!cause.equals(connectFailure)) {
        LOG.warnf("Neo4j at %s is not usable yet, will retry: %s", neo4jUri.get(), cause);
      }
      connectFailure = cause;
    }
    return Optional.ofNullable(neo4j);
  }

  /** Why the last attempt to open the mirror failed, or null. */
  public synchronized @Nullable String connectFailure() {
    return connectFailure;
  }

  @PreDestroy
  synchronized void close() {
    if (driver != null) {
      driver.close();
    }
  }
}
