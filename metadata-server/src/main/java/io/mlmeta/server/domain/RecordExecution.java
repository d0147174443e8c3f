package io.mlmeta.server.domain;

import java.util.List;

/**
 * The central write: an execution (existing by id, or new) with the artifacts it read and wrote and
 * the contexts it belongs to, recorded in one transaction.
 */
public record RecordExecution(
    String workspace,
    Long executionId,
    ExecutionSpec execution,
    List<ArtifactLink> inputs,
    List<ArtifactLink> outputs,
    List<ContextLink> contexts) {}
