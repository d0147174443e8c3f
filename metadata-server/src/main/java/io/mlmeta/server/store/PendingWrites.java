package io.mlmeta.server.store;

/**
 * The rows that the stores' {@code add} methods queued, written in as few statements as possible.
 */
public interface PendingWrites {

  /**
   * Writes every queued row now.
   *
   * @throws io.mlmeta.server.domain.error.AlreadyExistsException if a concurrent write took one of
   *     the external ids meanwhile
   */
  void flush();
}
