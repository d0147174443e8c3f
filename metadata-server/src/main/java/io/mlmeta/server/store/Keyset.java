package io.mlmeta.server.store;

import java.math.BigDecimal;

/**
 * Where a keyset page starts: after this id, or for a list ordered by a value, after this value and
 * id.
 */
public record Keyset(long afterId, BigDecimal afterValue) {

  public static Keyset afterId(long id) {
    return new Keyset(id, null);
  }
}
