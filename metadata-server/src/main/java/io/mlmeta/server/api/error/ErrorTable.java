package io.mlmeta.server.api.error;

import io.mlmeta.server.domain.error.AlreadyExistsException;
import io.mlmeta.server.domain.error.ConflictException;
import io.mlmeta.server.domain.error.FailedPreconditionException;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import io.mlmeta.server.domain.error.MetadataException;
import io.mlmeta.server.domain.error.NotFoundException;
import io.mlmeta.server.domain.error.PermissionDeniedException;
import io.mlmeta.server.domain.error.UnauthenticatedException;
import io.mlmeta.server.domain.error.UnavailableException;
import io.mlmeta.server.service.DatabaseFailures;
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

  private static final Map<Class<? extends MetadataException>, ErrorCode> CODES =
      Map.of(
          NotFoundException.class, ErrorCode.NOT_FOUND,
          AlreadyExistsException.class, ErrorCode.ALREADY_EXISTS,
          InvalidArgumentException.class, ErrorCode.INVALID_ARGUMENT,
          FailedPreconditionException.class, ErrorCode.FAILED_PRECONDITION,
          ConflictException.class, ErrorCode.CONFLICT,
          UnavailableException.class, ErrorCode.UNAVAILABLE,
          UnauthenticatedException.class, ErrorCode.UNAUTHENTICATED,
          PermissionDeniedException.class, ErrorCode.FORBIDDEN);

  /**
   * Longest message a client receives. gRPC carries it percent-encoded in a trailer (up to nine
   * bytes per character) and clients refuse trailers over 8 KiB by default, so a message that
   * echoes a huge value is cut rather than turned into a protocol error.
   */
  public static final int MAX_MESSAGE_LENGTH = 500;

  private ErrorTable() {}

  /** A client-facing error. */
  public record ClientError(ErrorCode code, String message) {}

  /** The domain error classes and their codes. */
  public static Map<Class<? extends MetadataException>, ErrorCode> codes() {
    return CODES;
  }

  public static ClientError describe(Throwable error) {
    // Domain errors, possibly wrapped, and database failures a retry may cure (outage, deadlock).
    MetadataException domain = DatabaseFailures.classify(error).orElse(null);
    if (domain != null) {
      return new ClientError(codeOf(domain), bounded(domain.getMessage()));
    }
    String incident = UUID.randomUUID().toString();
    LOG.errorf(error, "Internal error, incident %s", incident);
    return new ClientError(
        ErrorCode.INTERNAL,
        "internal error; the server log has details under incident " + incident);
  }

  static String bounded(String message) {
    if (message.length() <= MAX_MESSAGE_LENGTH) {
      return message;
    }
    int keep = MAX_MESSAGE_LENGTH - 40;
    if (Character.isHighSurrogate(message.charAt(keep - 1))) {
      keep--;
    }
    return message.substring(0, keep) + "… (" + (message.length() - keep) + " characters cut)";
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
}
