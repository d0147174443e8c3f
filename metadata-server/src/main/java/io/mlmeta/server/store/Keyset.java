package io.mlmeta.server.store;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Where a keyset page starts: after this id, or for a list ordered by a value, after this value and
 * id.
 */
public record Keyset(long afterId, @Nullable BigDecimal afterValue) {

  public static Keyset afterId(long id) {
    return new Keyset(id, null);
  }
}
