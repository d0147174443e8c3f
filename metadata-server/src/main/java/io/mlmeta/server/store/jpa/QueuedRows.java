package io.mlmeta.server.store.jpa;

import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The new artifact and execution rows a transaction queued for {@link JpaPendingWrites}. */
@TransactionScoped
public class QueuedRows implements Serializable {

  private final List<ArtifactRow> artifacts = new ArrayList<>();
  private final List<ExecutionRow> executions = new ArrayList<>();

  public record ArtifactRow(
      long id,
      long workspaceId,
      long typeId,
      @Nullable String externalId,
      String state,
      String properties,
      @Nullable String digest,
      Instant now) {}

  public record ExecutionRow(
      long id,
      long workspaceId,
      long typeId,
      @Nullable String externalId,
      String name,
      String description,
      String labels,
      String state,
      String properties,
      @Nullable String errorMessage,
      @Nullable Instant startTime,
      @Nullable Instant endTime,
      Instant now) {}

  public List<ArtifactRow> artifacts() {
    return artifacts;
  }

  public List<ExecutionRow> executions() {
    return executions;
  }
}
