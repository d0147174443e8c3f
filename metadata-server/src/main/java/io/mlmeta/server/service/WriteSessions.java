package io.mlmeta.server.service;

import io.mlmeta.server.outbox.OutboxWriter;
import io.mlmeta.server.store.ArtifactStore;
import io.mlmeta.server.store.ContextStore;
import io.mlmeta.server.store.ExecutionStore;
import io.mlmeta.server.store.IdentityClaims;
import io.mlmeta.server.store.LinkStore;
import io.mlmeta.server.store.PendingWrites;
import io.mlmeta.server.store.TypeStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * Opens {@link WriteSession}s: the writers inject this one bean instead of the stores a session
 * works with.
 */
@ApplicationScoped
class WriteSessions {

  private final WorkspaceService workspaces;
  private final TypeStore types;
  private final ArtifactStore artifacts;
  private final ExecutionStore executions;
  private final ContextStore contexts;
  private final LinkStore links;
  private final PendingWrites pending;
  private final IdentityClaims claims;
  private final OutboxWriter lineage;
  private final Clock clock;

  WriteSessions(
      WorkspaceService workspaces,
      TypeStore types,
      ArtifactStore artifacts,
      ExecutionStore executions,
      ContextStore contexts,
      LinkStore links,
      PendingWrites pending,
      IdentityClaims claims,
      OutboxWriter lineage,
      Clock clock) {
    this.workspaces = workspaces;
    this.types = types;
    this.artifacts = artifacts;
    this.executions = executions;
    this.contexts = contexts;
    this.links = links;
    this.pending = pending;
    this.claims = claims;
    this.lineage = lineage;
    this.clock = clock;
  }

  /** A session for one write; call it within the write's transaction and drop it after. */
  WriteSession open() {
    return new WriteSession(
        workspaces, types, artifacts, executions, contexts, links, pending, claims, lineage, clock);
  }
}
