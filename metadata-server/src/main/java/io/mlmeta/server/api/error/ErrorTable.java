package io.mlmeta.server.api.error;

import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.domain.error.ConflictException;
import io.mlmeta.server.domain.error.FailedPreconditionException;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.error.MetadataException;
import io.mlmeta.server.domain.error.NotFoundException;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Maps any exception to an {@link ErrorCode} and a client-safe message. Domain errors keep their
 * message; anything else is logged with an incident id and reported as INTERNAL with only that id,
 * so no stack trace or SQL ever reaches a client.
 */
public final class ErrorTable {

  private static final Logger LOG = Logger.getLogger(ErrorTable.class);
  // SQLSTATE class 40 (serialization failure, deadlock) and 55P03 (lock timeout).
  private static final String TRANSACTION_ROLLBACK_CLASS = "40";
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private static final Map<Class<? extends MetadataException>, ErrorCode> CODES =
      Map.of(
          NotFoundException.class, ErrorCode.NOT_FOUND,
          AlreadyExistsException.class, ErrorCode.ALREADY_EXISTS,
          InvalidArgumentException.class, ErrorCode.INVALID_ARGUMENT,
          FailedPreconditionException.class, ErrorCode.FAILED_PRECONDITION,
          ConflictException.class, ErrorCode.CONFLICT);

  private ErrorTable() {}

  /** A client-facing error. */
  public record ClientError(ErrorCode code, String message) {}

  /** The domain error classes and their codes. */
  public static Map<Class<? extends MetadataException>, ErrorCode> codes() {
    return CODES;
  }

  public static ClientError describe(Throwable error) {
    MetadataException domain = domainCause(error);
    if (domain != null) {
      return new ClientError(codeOf(domain), domain.getMessage());
    }
    if (transientConflict(error)) {
      return new ClientError(
          ErrorCode.CONFLICT, "a concurrent write conflicted with this one; retry");
    }
    String incident = UUID.randomUUID().toString();
    LOG.errorf(error, "Internal error, incident %s", incident);
    return new ClientError(
        ErrorCode.INTERNAL,
        "internal error; the server log has details under incident " + incident);
  }

  public static ErrorCode codeOf(MetadataException error) {
    for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
      ErrorCode code = CODES.get(type);
      if (code != null) {
        return code;
      }
    }
    return ErrorCode.INTERNAL;
  }

  /**
   * A deadlock, serialization failure or lock timeout the database resolved by aborting this
   * transaction: nothing was written, and the same call may well succeed when retried.
   */
  private static boolean transientConflict(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith(TRANSACTION_ROLLBACK_CLASS) || state.equals(LOCK_NOT_AVAILABLE)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Domain errors may arrive wrapped (by a transaction interceptor, for example). */
  private static MetadataException domainCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof MetadataException domain) {
        return domain;
      }
    }
    return null;
  }
}
