package io.mlmeta.server.store;

import org.jspecify.annotations.Nullable;

/**
 * Who makes the current transaction's changes. The database's change-log triggers copy it into
 * every entry the transaction appends (see the V5 migration), so the stores need not pass it on.
 */
public interface ChangeAttribution {

  /**
   * Names the principal (for example {@code user:alice@example.com}) and the request id for the
   * rest of the current transaction.
   */
  void attribute(String principal, @Nullable String requestId);
}
