package io.mlmeta.server.store.jpa;

import io.mlmeta.server.store.IdentityClaims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;

/**
 * Claims are PostgreSQL transaction-scoped advisory locks, one per identity, keyed by 64 bits of
 * the identity's SHA-256: they need no table, vanish with the transaction (a crashed client leaves
 * nothing behind) and are taken in ascending key order by one statement. Two identities sharing a
 * key only queue their writers behind each other.
 */
@ApplicationScoped
public class JpaIdentityClaims implements IdentityClaims {

  @Inject EntityManager em;

  @Override
  public void claim(Collection<String> identities) {
    if (identities.isEmpty()) {
      return;
    }
    Long[] keys =
        identities.stream().map(JpaIdentityClaims::key).sorted().distinct().toArray(Long[]::new);
    // The sorted subquery is not flattened, so the locks are taken in key order.
    em.createNativeQuery(
            "select count(pg_advisory_xact_lock(k)) from"
                + " (select unnest(cast(?1 as bigint[])) as k order by 1) as claimed")
        .setParameter(1, keys)
        .getSingleResult();
  }

  static long key(String identity) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
