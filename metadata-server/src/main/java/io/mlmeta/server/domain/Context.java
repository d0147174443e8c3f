package io.mlmeta.server.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A group of artifacts and executions, such as a Run or an Experiment. */
public record Context(
    long id,
    String workspace,
    String type,
    @Nullable String externalId,
    String name,
    String description,
    Map<String, String> labels,
    ObjectNode properties,
    List<Long> parentContextIds,
    Instant createTime,
    Instant updateTime) {}
