package io.mlmeta.server.domain;

import java.math.BigDecimal;

/**
 * A numeric condition on a property, addressed by a dotted path such as {@code values.accuracy}.
 * Entities whose property at that path is not a number do not match. Null bounds do not apply.
 */
public record PropertyRange(
    String path, BigDecimal gt, BigDecimal gte, BigDecimal lt, BigDecimal lte) {}
