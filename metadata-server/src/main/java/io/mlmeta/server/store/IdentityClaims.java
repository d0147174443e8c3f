package io.mlmeta.server.store;

import java.util.Collection;

/**
 * Serialises the writers that find or create the same identity: an external id, a context's name,
 * the uri, name and version by which a data set is reused. Each write claims every identity it will
 * look up before it looks, and holds the claims until its transaction ends, so of two writers
 * racing to create the same thing the second waits, then finds what the first committed. The unique
 * constraints stay as the last line of defence.
 */
public interface IdentityClaims {

  /**
   * Blocks until this transaction holds every identity of {@code identities}; held until it commits
   * or rolls back. Writers claim in one global order, so two claims cannot deadlock.
   */
  void claim(Collection<String> identities);
}
