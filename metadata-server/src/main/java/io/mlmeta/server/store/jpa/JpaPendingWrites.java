package io.mlmeta.server.store.jpa;

import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.domain.error.MetadataException;
import io.mlmeta.server.store.PendingWrites;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes the queued executions and artifacts with one set-based insert per table (arrays of column
 * values, {@code unnest}), after what Hibernate itself has pending.
 */
@ApplicationScoped
public class JpaPendingWrites implements PendingWrites {

  private static final Map<String, Supplier<MetadataException>> EXTERNAL_IDS =
      Map.of(
          "artifact_external_id_unique", () -> taken("an artifact"),
          "execution_external_id_unique", () -> taken("an execution"));

  @Inject EntityManager em;
  @Inject QueuedRows queued;

  @Override
  public void flush() {
    Constraints.flush(em, EXTERNAL_IDS);
    List<QueuedRows.ExecutionRow> executions = queued.executions();
    List<QueuedRows.ArtifactRow> artifacts = queued.artifacts();
    try {
      if (!executions.isEmpty()) {
        em.createNativeQuery(
                "insert into execution (id, workspace_id, type_id, external_id, name, description,"
                    + " labels, state, properties, error_message, start_time, end_time,"
                    + " create_time, update_time)"
                    + " select i, w, t, x, n, d, cast(l as jsonb), s, cast(p as jsonb), e, b, f,"
                    + " c, c from unnest(cast(?1 as bigint[]), cast(?2 as bigint[]),"
                    + " cast(?3 as bigint[]), cast(?4 as text[]), cast(?5 as text[]),"
                    + " cast(?6 as text[]), cast(?7 as text[]), cast(?8 as text[]),"
                    + " cast(?9 as text[]), cast(?10 as text[]), cast(?11 as timestamptz[]),"
                    + " cast(?12 as timestamptz[]), cast(?13 as timestamptz[]))"
                    + " as r(i, w, t, x, n, d, l, s, p, e, b, f, c)")
            .setParameter(1, longs(executions, QueuedRows.ExecutionRow::id))
            .setParameter(2, longs(executions, QueuedRows.ExecutionRow::workspaceId))
            .setParameter(3, longs(executions, QueuedRows.ExecutionRow::typeId))
            .setParameter(4, texts(executions, QueuedRows.ExecutionRow::externalId))
            .setParameter(5, texts(executions, QueuedRows.ExecutionRow::name))
            .setParameter(6, texts(executions, QueuedRows.ExecutionRow::description))
            .setParameter(7, texts(executions, QueuedRows.ExecutionRow::labels))
            .setParameter(8, texts(executions, QueuedRows.ExecutionRow::state))
            .setParameter(9, texts(executions, QueuedRows.ExecutionRow::properties))
            .setParameter(10, texts(executions, QueuedRows.ExecutionRow::errorMessage))
            .setParameter(11, times(executions, QueuedRows.ExecutionRow::startTime))
            .setParameter(12, times(executions, QueuedRows.ExecutionRow::endTime))
            .setParameter(13, times(executions, QueuedRows.ExecutionRow::now))
            .executeUpdate();
        executions.clear();
      }
      if (!artifacts.isEmpty()) {
        em.createNativeQuery(
                "insert into artifact (id, workspace_id, type_id, external_id, state, properties,"
                    + " digest, create_time, update_time)"
                    + " select i, w, t, x, s, cast(p as jsonb), d, c, c"
                    + " from unnest(cast(?1 as bigint[]), cast(?2 as bigint[]),"
                    + " cast(?3 as bigint[]), cast(?4 as text[]), cast(?5 as text[]),"
                    + " cast(?6 as text[]), cast(?7 as text[]), cast(?8 as timestamptz[]))"
                    + " as r(i, w, t, x, s, p, d, c)")
            .setParameter(1, longs(artifacts, QueuedRows.ArtifactRow::id))
            .setParameter(2, longs(artifacts, QueuedRows.ArtifactRow::workspaceId))
            .setParameter(3, longs(artifacts, QueuedRows.ArtifactRow::typeId))
            .setParameter(4, texts(artifacts, QueuedRows.ArtifactRow::externalId))
            .setParameter(5, texts(artifacts, QueuedRows.ArtifactRow::state))
            .setParameter(6, texts(artifacts, QueuedRows.ArtifactRow::properties))
            .setParameter(7, texts(artifacts, QueuedRows.ArtifactRow::digest))
            .setParameter(8, times(artifacts, QueuedRows.ArtifactRow::now))
            .executeUpdate();
        artifacts.clear();
      }
    } catch (PersistenceException e) {
      throw Constraints.translate(e, EXTERNAL_IDS);
    }
  }

  private static <R> Long[] longs(List<R> rows, Function<R, Long> column) {
    return rows.stream().map(column).toArray(Long[]::new);
  }

  private static <R> String[] texts(List<R> rows, Function<R, String> column) {
    return rows.stream().map(column).toArray(String[]::new);
  }

  // Sent as ISO-8601 text and cast by PostgreSQL, so every row keeps its own instant.
  private static <R> String[] times(List<R> rows, Function<R, Instant> column) {
    return rows.stream()
        .map(column)
        .map(instant -> instant == null ? null : instant.toString())
        .toArray(String[]::new);
  }

  private static AlreadyExistsException taken(String what) {
    return new AlreadyExistsException(
        what + " with one of these external ids was created meanwhile; retry");
  }
}
