package io.mlmeta.server.domain;

import java.time.Instant;
import java.util.Map;

/** The tenant boundary: every artifact, execution and context belongs to one workspace. */
public record Workspace(
    long id,
    String name,
    String description,
    Map<String, String> labels,
    Instant createTime,
    Instant updateTime) {}
