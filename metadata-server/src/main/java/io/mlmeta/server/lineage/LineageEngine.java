package io.mlmeta.server.lineage;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The engines that can answer a lineage query. Configuration names them in lower case ({@code
 * mlmeta.lineage.router.traverse=postgres}) and is checked when the server starts; a request names
 * them the same way and an unknown name is the client's error.
 */
public enum LineageEngine {
  /** This replica's in-memory index of the graph's topology, fed by the outbox. */
  MEMORY,
  /** Recursive SQL over the store's own tables: the source of truth, always able to answer. */
  POSTGRES,
  /** The Neo4j mirror, once it has caught up with what the query must see. */
  NEO4J;

  /** The name clients and configuration use, for example {@code postgres}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The engine a request names, or empty when it names none (the router chooses).
   *
   * @throws IllegalArgumentException if {@code name} names no engine; the message lists the names
   */
  public static Optional<LineageEngine> requested(@Nullable String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    for (LineageEngine engine : values()) {
      if (engine.id().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(engine);
      }
    }
    throw new IllegalArgumentException("must be memory, postgres or neo4j; got '" + name + "'");
  }
}
