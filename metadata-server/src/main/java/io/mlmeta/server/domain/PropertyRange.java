package io.mlmeta.server.domain;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A numeric condition on a property, addressed by a dotted path such as {@code values.accuracy}.
 * Entities whose property at that path is not a number do not match. Null bounds do not apply.
 */
public record PropertyRange(
    String path,
    @Nullable BigDecimal gt,
    @Nullable BigDecimal gte,
    @Nullable BigDecimal lt,
    @Nullable BigDecimal lte) {}
