package io.mlmeta.server.store.jpa;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Conversions of native-query parameters, which the JDBC driver types variously (columns: {@link
 * io.mlmeta.server.store.NativeColumns}).
 */
final class SqlColumns {

  private SqlColumns() {}

  /** An instant as a {@code timestamptz} parameter. */
  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
