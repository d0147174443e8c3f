package io.mlmeta.cli.output;

/** The output formats of the listing commands. */
public enum OutputFormat {
  /** An aligned text table for people. */
  table,
  /** A JSON array for programs. */
  json
}
