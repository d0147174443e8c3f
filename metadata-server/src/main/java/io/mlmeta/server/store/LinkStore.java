package io.mlmeta.server.store;

import io.mlmeta.server.domain.Event;
import io.mlmeta.server.domain.EventType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Persistence of the links between entities: events, attributions and associations. */
public interface LinkStore {

  /** Adds events idempotently; returns how many were new. */
  int addEvents(long workspaceId, List<NewEvent> events, Instant now);

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
  record NewEvent(long executionId, long artifactId, EventType type) {}
}
