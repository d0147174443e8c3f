package io.mlmeta.server.domain;

import java.util.List;

/**
 * The result of {@link RecordExecution}: everything as stored, inputs and outputs in order, and the
 * lineage outbox position a reader can wait for to see this write in the mirror.
 */
public record RecordedExecution(
    Execution execution,
    List<Artifact> inputs,
    List<Artifact> outputs,
    List<Context> contexts,
    int artifactsCreated,
    int eventsWritten,
    long lineagePosition) {}
