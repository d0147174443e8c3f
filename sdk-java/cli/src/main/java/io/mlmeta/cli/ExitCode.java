package io.mlmeta.cli;

import io.mlmeta.sdk.error.MetadataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * The exit codes of {@code mlmeta}, which scripts can rely on.
 *
 * <table>
 *   <caption>exit codes</caption>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>usage: unknown command, bad or missing flag</td></tr>
 *   <tr><td>2</td><td>not found: no such artifact, workspace, type or file</td></tr>
 *   <tr><td>3</td><td>invalid: the server rejected an argument or a precondition failed</td></tr>
 *   <tr><td>4</td><td>unavailable: the server could not be reached in time</td></tr>
 *   <tr><td>5</td><td>verification failed: a report's digest does not match, or the lineage
 *       mirror differs from the store</td></tr>
 *   <tr><td>6</td><td>unauthenticated: missing, rejected, expired or revoked token</td></tr>
 *   <tr><td>7</td><td>conflict: the object already exists or a concurrent write won</td></tr>
 *   <tr><td>8</td><td>I/O error reading or writing a local file</td></tr>
 *   <tr><td>9</td><td>any other error</td></tr>
 *   <tr><td>10</td><td>forbidden: identified, but without the role the command needs</td></tr>
 * </table>
 */
public final class ExitCode {

  /** Success. */
  public static final int OK = 0;

  /** Unknown command, bad or missing flag. */
  public static final int USAGE = 1;

  /** No such artifact, workspace, type or file. */
  public static final int NOT_FOUND = 2;

  /** The server rejected an argument, or a precondition failed. */
  public static final int INVALID = 3;

  /** The server could not be reached in time. */
  public static final int UNAVAILABLE = 4;

  /** A report's digest does not match, or the lineage mirror differs from the store. */
  public static final int VERIFICATION_FAILED = 5;

  /** Missing, rejected, expired or revoked credentials. */
  public static final int UNAUTHORIZED = 6;

  /** The object already exists, or a concurrent write won. */
  public static final int CONFLICT = 7;

  /** A local file could not be read or written. */
  public static final int IO_ERROR = 8;

  /** Any other error. */
  public static final int ERROR = 9;

  /** The caller is identified but lacks the role the command needs. */
  public static final int FORBIDDEN = 10;

  private ExitCode() {}

  /** The exit code of a failure. */
  public static int of(Throwable error) {
    if (error instanceof CliException cli) {
      return cli.exitCode();
    }
    if (error instanceof MetadataException metadata) {
      return switch (metadata.code()) {
        case NOT_FOUND -> NOT_FOUND;
        case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> INVALID;
        case UNAVAILABLE, DEADLINE_EXCEEDED -> UNAVAILABLE;
        case UNAUTHENTICATED -> UNAUTHORIZED;
        case PERMISSION_DENIED -> FORBIDDEN;
        case ALREADY_EXISTS, ABORTED -> CONFLICT;
        default -> ERROR;
      };
    }
    if (error instanceof NoSuchFileException
        || error instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException) {
      return NOT_FOUND;
    }
    if (error instanceof IOException || error instanceof UncheckedIOException) {
      return IO_ERROR;
    }
    if (error instanceof IllegalArgumentException) {
      return USAGE;
    }
    return ERROR;
  }
}
