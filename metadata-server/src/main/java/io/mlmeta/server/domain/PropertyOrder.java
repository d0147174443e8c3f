package io.mlmeta.server.domain;

/**
 * Orders a list by a numeric property (dotted path, such as {@code values.accuracy}), then by id.
 * Entities without a number at that path are left out of an ordered list.
 */
public record PropertyOrder(String path, boolean descending) {}
