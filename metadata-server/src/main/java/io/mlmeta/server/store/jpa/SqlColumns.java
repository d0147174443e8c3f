package io.mlmeta.server.store.jpa;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions of native-query columns and parameters, which the JDBC driver types variously. */
final class SqlColumns {

  private SqlColumns() {}

  /** A {@code timestamptz} column as Hibernate hands it back from a native query. */
  static Instant instant(Object column) {
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

  /** An instant as a {@code timestamptz} parameter. */
  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
