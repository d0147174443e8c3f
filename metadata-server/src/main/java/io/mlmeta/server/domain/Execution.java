package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A run of a component (training, a tuning trial, a deployment, ...). */
public record Execution(
    long id,
    String workspace,
    String type,
    @Nullable String externalId,
    String name,
    String description,
    Map<String, String> labels,
    ExecutionState state,
    ObjectNode properties,
    @Nullable String errorMessage,
    @Nullable Instant startTime,
    @Nullable Instant endTime,
    Instant createTime,
    Instant updateTime) {}
