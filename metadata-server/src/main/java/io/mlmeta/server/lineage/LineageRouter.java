package io.mlmeta.server.lineage;

import io.mlmeta.graph.LineageGraph;
import io.mlmeta.graph.model.NodeKey;
import io.mlmeta.server.config.MlmetaConfig;
import io.mlmeta.server.outbox.OutboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses the engine that answers a lineage query. Each query shape has a configured engine (read
 * and checked at start); a request may name another. An engine answers only when it has seen every
 * write the query must see (the latest outbox position, or a later one the client asks for);
 * otherwise PostgreSQL, the source of truth, answers and the answer says why.
 */
@ApplicationScoped
public class LineageRouter {

  /**
   * How long a query waits for the index or the Neo4j mirror to catch up before asking PostgreSQL.
   */
  static final Duration CATCH_UP_WAIT = Duration.ofSeconds(2);

  /** The query shapes the router is configured for. */
  public enum Shape {
    TRAVERSE,
    IMPACT,
    PATHS
  }

  private final LineageEngines engines;
  private final LineageIndex index;
  private final LineageProjector projector;
  private final OutboxStore outbox;
  private final MlmetaConfig.Lineage.Router settings;

  LineageRouter(
      LineageEngines engines,
      LineageIndex index,
      LineageProjector projector,
      OutboxStore outbox,
      MlmetaConfig config) {
    this.engines = engines;
    this.index = index;
    this.projector = projector;
    this.outbox = outbox;
    this.settings = config.lineage().router();
  }

  /**
   * Asks the engine chosen for {@code shape}; if Neo4j or the index fails mid-query (Neo4j went
   * down after routing), PostgreSQL answers instead, so neither ever fails a read. An {@link
   * IllegalArgumentException} from the engine is the query's fault and is not retried.
   */
  public <T> LineageAnswer<T> ask(
      Shape shape,
      Optional<LineageEngine> requested,
      long minPosition,
      Function<LineageGraph, T> query) {
    Route route = route(shape, requested, minPosition);
    try {
      return route.answer(query.apply(route.graph()));
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      if (route.graph() == engines.postgres()) {
        throw e;
      }
      Route fallback = route.onPostgres(engines.postgres(), route.graph().engine() + " failed");
      return fallback.answer(query.apply(fallback.graph()));
    }
  }

  /** The time budget of a query that gives none. */
  public Duration defaultTimeBudget() {
    return settings.timeBudget();
  }

  /**
   * The workspace of a node if this replica's index holds it (a node never changes workspace, so
   * the answer holds even while the index is behind); empty leaves the question to the store.
   */
  public Optional<Long> indexedWorkspaceOf(NodeKey key) {
    return index.workspaceOf(key);
  }

  private Route route(Shape shape, Optional<LineageEngine> requested, long minPosition) {
    OutboxStore.Positions positions = outbox.positions();
    long required = Math.max(minPosition, positions.latest());
    long mirror = positions.mirror();
    String why = requested.isPresent() ? "requested" : "router";
    return switch (requested.orElseGet(() -> configured(shape))) {
      case POSTGRES -> new Route(engines.postgres(), why, mirror, required);
      case NEO4J -> neo4jRoute(why, mirror, required);
      case MEMORY -> memoryRoute(why, mirror, required);
    };
  }

  private LineageEngine configured(Shape shape) {
    return switch (shape) {
      case TRAVERSE -> settings.traverse();
      case IMPACT -> settings.impact();
      case PATHS -> settings.paths();
    };
  }

  private Route memoryRoute(String why, long mirror, long required) {
    Optional<LineageGraph> memory = index.caughtUpTo(required, CATCH_UP_WAIT);
    if (memory.isEmpty()) {
      String state = index.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      return new Route(engines.postgres(), "memory index " + state, mirror, required);
    }
    return new Route(memory.get(), why, mirror, required);
  }

  private Route neo4jRoute(String why, long mirror, long required) {
    Optional<? extends LineageGraph> neo4j = engines.neo4j();
    if (neo4j.isEmpty()) {
      return new Route(engines.postgres(), "neo4j unavailable", mirror, required);
    }
    long position = projector.awaitMirror(required, mirror, CATCH_UP_WAIT);
    if (position < required) {
      return new Route(engines.postgres(), "neo4j mirror behind", position, required);
    }
    return new Route(neo4j.get(), why, position, required);
  }

  /** The engine chosen for one query, and why. */
  private record Route(
      LineageGraph graph, String reason, long mirrorPosition, long requiredPosition) {

    <T> LineageAnswer<T> answer(T result) {
      return new LineageAnswer<>(result, graph.engine(), reason, mirrorPosition, requiredPosition);
    }

    Route onPostgres(LineageGraph postgres, String why) {
      return new Route(postgres, why, mirrorPosition, requiredPosition);
    }
  }
}
