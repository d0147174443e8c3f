package io.mlmeta.server.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The central write: an execution (existing by id, or new) with the artifacts it read and wrote and
 * the contexts it belongs to, recorded in one transaction.
 */
public record RecordExecution(
    String workspace,
    @Nullable Long executionId,
    @Nullable ExecutionSpec execution,
    List<ArtifactLink> inputs,
    List<ArtifactLink> outputs,
    List<ContextLink> contexts) {}
