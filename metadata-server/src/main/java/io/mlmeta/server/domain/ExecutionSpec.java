package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** What a client writes for a new execution. A null state means NEW. */
public record ExecutionSpec(
    String type,
    String externalId,
    String name,
    String description,
    Map<String, String> labels,
    ExecutionState state,
    ObjectNode properties,
    String errorMessage) {}
