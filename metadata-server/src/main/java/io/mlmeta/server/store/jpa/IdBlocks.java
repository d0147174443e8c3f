package io.mlmeta.server.store.jpa;

import jakarta.persistence.EntityManager;

/**
 * Ids from a sequence that hands out blocks of {@value #SIZE} (V3): a value v stands for v to v +
 * {@value #SIZE} - 1, as Hibernate's pooled-lo optimizer reads the same sequences, so the two never
 * hand out the same id. One sequence call per block instead of one per row.
 */
final class IdBlocks {

  static final int SIZE = 1000;

  private final String sequence;
  private long next;
  private long end;

  IdBlocks(String sequence) {
    this.sequence = sequence;
  }

  synchronized long next(EntityManager em) {
    if (next == end) {
      next =
          ((Number) em.createNativeQuery("select nextval('" + sequence + "')").getSingleResult())
              .longValue();
      end = next + SIZE;
    }
    return next++;
  }
}
