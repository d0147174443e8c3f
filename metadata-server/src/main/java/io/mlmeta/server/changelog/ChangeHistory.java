package io.mlmeta.server.changelog;

import io.mlmeta.server.domain.ChangeRecord;
import io.mlmeta.server.domain.Page;
import io.mlmeta.server.domain.PageRequest;
import io.mlmeta.server.domain.Workspace;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.service.ArtifactService;
import io.mlmeta.server.service.ContextService;
import io.mlmeta.server.service.ExecutionService;
import io.mlmeta.server.service.WorkspaceService;
import io.mlmeta.server.service.validation.Inputs;
import io.mlmeta.server.service.validation.PageTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The history of an artifact, execution, context or workspace, newest first: what the change log
 * holds about it, for callers who may read it (anyone else is told it does not exist).
 */
@ApplicationScoped
public class ChangeHistory {

  /** What a history is of: exactly one of these. */
  public record Subject(
      @Nullable Long artifactId,
      @Nullable Long executionId,
      @Nullable Long contextId,
      @Nullable String workspace) {}

  private final ChangeLogStore store;
  private final ArtifactService artifacts;
  private final ExecutionService executions;
  private final ContextService contexts;
  private final WorkspaceService workspaces;

  ChangeHistory(
      ChangeLogStore store,
      ArtifactService artifacts,
      ExecutionService executions,
      ContextService contexts,
      WorkspaceService workspaces) {
    this.store = store;
    this.artifacts = artifacts;
    this.executions = executions;
    this.contexts = contexts;
    this.workspaces = workspaces;
  }

  /** One page of a history, with what its page tokens are bound to (for per-item cursors). */
  public record History(Page<ChangeRecord> page, Object cursorFilter) {}

  /** Which rows of the change log a history reads. */
  private record Selection(
      @Nullable String entity, @Nullable String key, @Nullable Long workspaceId) {
    Object filter() {
      return List.of(
          "history", String.valueOf(entity), String.valueOf(key), String.valueOf(workspaceId));
    }
  }

  /**
   * One page of {@code subject}'s history. An artifact's, execution's or context's history holds
   * the changes of its own row; a workspace's, every change in the workspace.
   *
   * @throws InvalidArgumentException unless exactly one subject is named
   */
  @Transactional
  public History history(Principal caller, Subject subject, PageRequest page) {
    Selection selection = select(caller, subject);
    Object filter = selection.filter();
    int size = Inputs.pageSize(page.size());
    long before = PageTokens.decode(page.token(), filter);
    List<ChangeRecord> rows =
        store.history(
            selection.entity(),
            selection.key(),
            selection.workspaceId(),
            before == 0 ? Long.MAX_VALUE : before,
            size + 1);
    if (rows.size() <= size) {
      return new History(new Page<>(rows, null), filter);
    }
    List<ChangeRecord> items = List.copyOf(rows.subList(0, size));
    return new History(
        new Page<>(items, PageTokens.encode(items.get(size - 1).sequence(), filter)), filter);
  }

  /** Checks that the caller may read the subject (NOT_FOUND otherwise) and names its rows. */
  private Selection select(Principal caller, Subject subject) {
    long named =
        Stream.of(
                subject.artifactId(),
                subject.executionId(),
                subject.contextId(),
                subject.workspace())
            .filter(Objects::nonNull)
            .count();
    if (named != 1) {
      throw new InvalidArgumentException(
          "artifactId", "name exactly one of artifactId, executionId, contextId and workspace");
    }
    if (subject.artifactId() != null) {
      return new Selection(
          "artifact", keyOf(artifacts.get(caller, subject.artifactId()).id()), null);
    }
    if (subject.executionId() != null) {
      return new Selection(
          "execution", keyOf(executions.get(caller, subject.executionId()).id()), null);
    }
    if (subject.contextId() != null) {
      return new Selection("context", keyOf(contexts.get(caller, subject.contextId()).id()), null);
    }
    Workspace ws = workspaces.get(caller, subject.workspace());
    return new Selection(null, null, ws.id());
  }

  private static String keyOf(long id) {
    return Long.toString(id);
  }
}
