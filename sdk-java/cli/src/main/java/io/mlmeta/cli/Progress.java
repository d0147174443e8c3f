package io.mlmeta.cli;

import java.io.PrintWriter;

/**
 * Progress of a long operation on stderr, shown only when a person watches ({@link
 * CliEnvironment#interactive()}); silent otherwise, so that scripts and pipes see results only.
 */
public final class Progress {

  private final PrintWriter err;
  private final boolean enabled;
  private int shownLength;

  /** Progress for this environment. */
  public Progress(CliEnvironment environment) {
    this.err = environment.err();
    this.enabled = environment.interactive();
  }

  /** Replaces the progress line with this message. */
  public void update(String message) {
    if (!enabled) {
      return;
    }
    String padded =
        message.length() < shownLength
            ? message + " ".repeat(shownLength - message.length())
            : message;
    err.print("\r" + padded);
    err.flush();
    shownLength = message.length();
  }

  /** Ends the progress line. */
  public void done() {
    if (enabled && shownLength > 0) {
      err.print("\r" + " ".repeat(shownLength) + "\r");
      err.flush();
      shownLength = 0;
    }
  }
}
