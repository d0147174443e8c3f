package io.mlmeta.server.service;

import io.mlmeta.server.domain.error.ConflictException;
import io.mlmeta.server.domain.error.MetadataException;
import io.mlmeta.server.domain.error.UnavailableException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises the database failures that say nothing about the request, only that it should be
 * retried: the database unreachable or shutting down, and conflicts it resolved by aborting this
 * transaction. Anything else stays unrecognised (an internal error).
 */
public final class DatabaseFailures {

  // SQLSTATE classes and codes: 08 connection exception, 57P01-57P03 shutdown or starting up,
  // 53300 too many connections, 40 transaction rollback (deadlock, serialization), 55P03 lock
  // not available.
  private static final String CONNECTION_CLASS = "08";
  private static final String TRANSACTION_ROLLBACK_CLASS = "40";
  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final String TOO_MANY_CONNECTIONS = "53300";
  private static final String OPERATOR_INTERVENTION_PREFIX = "57P0";

  private DatabaseFailures() {}

  /** The retryable domain error that {@code error} amounts to, if it is one of those failures. */
  public static Optional<MetadataException> classify(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof MetadataException domain) {
        return Optional.of(domain);
      }
      if (t instanceof SQLException sql) {
        Optional<MetadataException> known = classify(sql);
        if (known.isPresent()) {
          return known;
        }
      }
      if (t instanceof ConnectException || commitFailed(t)) {
        return Optional.of(unavailable());
      }
    }
    return Optional.empty();
  }

  private static Optional<MetadataException> classify(SQLException sql) {
    String state = sql.getSQLState();
    if (state != null) {
      if (state.startsWith(CONNECTION_CLASS)
          || state.startsWith(OPERATOR_INTERVENTION_PREFIX)
          || state.equals(TOO_MANY_CONNECTIONS)) {
        return Optional.of(unavailable());
      }
      if (state.startsWith(TRANSACTION_ROLLBACK_CLASS) || state.equals(LOCK_NOT_AVAILABLE)) {
        return Optional.of(
            new ConflictException("a concurrent write conflicted with this one; retry"));
      }
    }
    // The pool gives up waiting for a connection without a SQLSTATE.
    String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
    if (sql instanceof SQLTransientConnectionException
        || message.contains("acquisition timeout")
        || message.contains("connection is closed")
        || message.contains("connection has been closed")) {
      return Optional.of(unavailable());
    }
    return Optional.empty();
  }

  /**
   * The transaction manager could not commit or roll back because the database went away at that
   * moment. Whether the commit happened is unknown to the client, which is what idempotent retries
   * are for.
   */
  private static boolean commitFailed(Throwable t) {
    return t instanceof jakarta.transaction.RollbackException
        || t instanceof jakarta.transaction.HeuristicMixedException
        || t instanceof jakarta.transaction.HeuristicRollbackException
        || t instanceof jakarta.transaction.SystemException
        || t instanceof javax.transaction.xa.XAException;
  }

  private static UnavailableException unavailable() {
    return new UnavailableException("the metadata database is unavailable; retry");
  }
}
