package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a client writes for a new context. */
public record ContextSpec(
    String type,
    @Nullable String externalId,
    String name,
    @Nullable String description,
    Map<String, String> labels,
    @Nullable ObjectNode properties,
    List<Long> parentContextIds) {}
