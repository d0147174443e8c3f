package io.mlmeta.server.store;

import io.mlmeta.server.domain.Event;
import io.mlmeta.server.domain.EventType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Persistence of the links between entities: events, attributions and associations. */
public interface LinkStore {

  /**
   * Adds events, attributions and associations idempotently, all in one statement.
   *
   * @return the events that were new
   */
  Set<NewEvent> addLinks(
      List<NewEvent> events,
      Collection<Membership> attributions,
      Collection<Membership> associations,
      Instant now);

  /** Adds context-artifact attributions idempotently; returns how many were new. */
  int addAttributions(long contextId, Collection<Long> artifactIds);

  /** Adds context-execution associations idempotently; returns how many were new. */
  int addAssociations(long contextId, Collection<Long> executionIds);

  /** Events of each of the artifacts, oldest first. */
  Map<Long, List<Event>> eventsOfArtifacts(Collection<Long> artifactIds);

  /** Events of each of the executions, oldest first. */
  Map<Long, List<Event>> eventsOfExecutions(Collection<Long> executionIds);

  /** Context ids each execution is associated with. */
  Map<Long, List<Long>> contextsOfExecutions(Collection<Long> executionIds);

  /** Context ids each artifact is attributed to. */
  Map<Long, List<Long>> contextsOfArtifacts(Collection<Long> artifactIds);

  /** An event to add. */
  record NewEvent(long workspaceId, long executionId, long artifactId, EventType type) {}

  /** An artifact attributed to, or an execution associated with, a context. */
  record Membership(long contextId, long memberId) {}
}
