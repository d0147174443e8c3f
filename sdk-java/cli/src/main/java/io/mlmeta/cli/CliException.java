package io.mlmeta.cli;

/** A failure the CLI reports with its message alone and a chosen {@link ExitCode}. */
public class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /** A failure ending the command with this exit code. */
  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /** The exit code, one of {@link ExitCode}'s. */
  public int exitCode() {
    return exitCode;
  }
}
