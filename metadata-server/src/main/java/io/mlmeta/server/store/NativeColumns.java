package io.mlmeta.server.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Columns of native queries, which Hibernate hands back typed variously; shared by the stores and
 * by the outbox and change log, which run native SQL of their own.
 */
public final class NativeColumns {

  private NativeColumns() {}

  /** A {@code timestamptz} column as Hibernate hands it back from a native query. */
  public static Instant instant(Object column) {
    if (column instanceof Instant instant) {
      return instant;
    }
    if (column instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (column instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    throw new IllegalStateException("unexpected timestamp type " + column.getClass());
  }
}
