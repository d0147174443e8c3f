package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** What a client writes for a new context. */
public record ContextSpec(
    String type,
    String externalId,
    String name,
    String description,
    Map<String, String> labels,
    ObjectNode properties,
    List<Long> parentContextIds) {}
