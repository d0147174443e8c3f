package io.mlmeta.server.store.jpa;

import io.mlmeta.server.domain.Event;
import io.mlmeta.server.domain.EventType;
import io.mlmeta.server.store.LinkStore;
import io.mlmeta.server.store.NativeColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links are written with set-based SQL (one statement per batch, {@code unnest} of arrays) and
 * {@code on conflict do nothing}, which makes every link write idempotent, in key order, so that
 * concurrent writers of the same links queue instead of deadlocking.
 */
@ApplicationScoped
public class JpaLinkStore implements LinkStore {

  @Inject EntityManager em;

  @Override
  @SuppressWarnings("unchecked")
  public Set<NewEvent> addLinks(
      List<NewEvent> events,
      Collection<Membership> attributions,
      Collection<Membership> associations,
      Instant now) {
    if (events.isEmpty() && attributions.isEmpty() && associations.isEmpty()) {
      return Set.of();
    }
    em.flush();
    // Data-modifying CTEs run whether or not the final select reads them: one round trip in all.
    // Rows go in key order, so concurrent batches that share links (every trial of one experiment
    // reads the same dataset into the same run) wait for each other instead of deadlocking.
    List<Object[]> added =
        em.createNativeQuery(
                "with attributed as (insert into attribution (context_id, artifact_id)"
                    + " select c, m from unnest(cast(?6 as bigint[]), cast(?7 as bigint[]))"
                    + " as t(c, m) order by c, m on conflict do nothing),"
                    + " associated as (insert into association (context_id, execution_id)"
                    + " select c, m from unnest(cast(?8 as bigint[]), cast(?9 as bigint[]))"
                    + " as s(c, m) order by c, m on conflict do nothing)"
                    + " insert into event (workspace_id, execution_id, artifact_id, type, event_time)"
                    + " select w, e, a, t, ?5 from unnest(cast(?1 as bigint[]),"
                    + " cast(?2 as bigint[]), cast(?3 as bigint[]), cast(?4 as text[]))"
                    + " as x(w, e, a, t) order by e, a, t"
                    + " on conflict (execution_id, artifact_id, type) do nothing"
                    + " returning workspace_id, execution_id, artifact_id, type")
            .setParameter(1, events.stream().map(NewEvent::workspaceId).toArray(Long[]::new))
            .setParameter(2, events.stream().map(NewEvent::executionId).toArray(Long[]::new))
            .setParameter(3, events.stream().map(NewEvent::artifactId).toArray(Long[]::new))
            .setParameter(4, events.stream().map(e -> e.type().name()).toArray(String[]::new))
            .setParameter(5, SqlColumns.utc(now))
            .setParameter(6, attributions.stream().map(Membership::contextId).toArray(Long[]::new))
            .setParameter(7, attributions.stream().map(Membership::memberId).toArray(Long[]::new))
            .setParameter(8, associations.stream().map(Membership::contextId).toArray(Long[]::new))
            .setParameter(9, associations.stream().map(Membership::memberId).toArray(Long[]::new))
            .getResultList();
    Set<NewEvent> created = new HashSet<>();
    for (Object[] row : added) {
      created.add(
          new NewEvent(
              ((Number) row[0]).longValue(),
              ((Number) row[1]).longValue(),
              ((Number) row[2]).longValue(),
              EventType.valueOf((String) row[3])));
    }
    return created;
  }

  @Override
  public int addAttributions(long contextId, Collection<Long> artifactIds) {
    return link("attribution", "artifact_id", contextId, artifactIds);
  }

  @Override
  public int addAssociations(long contextId, Collection<Long> executionIds) {
    return link("association", "execution_id", contextId, executionIds);
  }

  private int link(String table, String column, long contextId, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    em.flush();
    return em.createNativeQuery(
            "insert into "
                + table
                + " (context_id, "
                + column
                + ") select ?1, x from unnest(cast(?2 as bigint[])) as u(x) order by x"
                + " on conflict do nothing")
        .setParameter(1, contextId)
        .setParameter(2, ids.toArray(Long[]::new))
        .executeUpdate();
  }

  @Override
  public Map<Long, List<Event>> eventsOfArtifacts(Collection<Long> artifactIds) {
    return events("artifact_id", artifactIds, 0);
  }

  @Override
  public Map<Long, List<Event>> eventsOfExecutions(Collection<Long> executionIds) {
    return events("execution_id", executionIds, 1);
  }

  @SuppressWarnings("unchecked")
  private Map<Long, List<Event>> events(String column, Collection<Long> ids, int keyIndex) {
    Map<Long, List<Event>> result = new HashMap<>();
    if (ids.isEmpty()) {
      return result;
    }
    em.flush();
    List<Object[]> rows =
        em.createNativeQuery(
                "select artifact_id, execution_id, type, event_time from event where "
                    + column
                    + " = any(cast(?1 as bigint[])) order by event_time, id")
            .setParameter(1, ids.toArray(Long[]::new))
            .getResultList();
    for (Object[] row : rows) {
      Event event =
          new Event(
              ((Number) row[0]).longValue(),
              ((Number) row[1]).longValue(),
              EventType.valueOf((String) row[2]),
              NativeColumns.instant(row[3]));
      long key = keyIndex == 0 ? event.artifactId() : event.executionId();
      result.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
    }
    return result;
  }

  @Override
  public Map<Long, List<Long>> contextsOfExecutions(Collection<Long> executionIds) {
    return contexts("association", "execution_id", executionIds);
  }

  @Override
  public Map<Long, List<Long>> contextsOfArtifacts(Collection<Long> artifactIds) {
    return contexts("attribution", "artifact_id", artifactIds);
  }

  @SuppressWarnings("unchecked")
  private Map<Long, List<Long>> contexts(String table, String column, Collection<Long> ids) {
    Map<Long, List<Long>> result = new HashMap<>();
    if (ids.isEmpty()) {
      return result;
    }
    em.flush();
    List<Object[]> rows =
        em.createNativeQuery(
                "select "
                    + column
                    + ", context_id from "
                    + table
                    + " where "
                    + column
                    + " = any(cast(?1 as bigint[])) order by context_id")
            .setParameter(1, ids.toArray(Long[]::new))
            .getResultList();
    for (Object[] row : rows) {
      result
          .computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>())
          .add(((Number) row[1]).longValue());
    }
    return result;
  }
}
