package io.mlmeta.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a CLI run sees of the world: environment variables, the home directory (for {@code
 * ~/.mlmeta/cli.properties}), its output streams and whether a person watches stderr. Tests build
 * their own to run the CLI in-process.
 *
 * @param variables environment variables
 * @param home the user's home directory
 * @param out standard output: results only
 * @param err standard error: errors, and progress when {@code interactive}
 * @param interactive whether stderr is a terminal, so progress is worth showing
 */
public record CliEnvironment(
    Map<String, String> variables,
    Path home,
    PrintWriter out,
    PrintWriter err,
    boolean interactive) {

  /** Copies the variables. */
  public CliEnvironment {
    variables = Map.copyOf(variables);
  }

  /** The process's own environment, with UTF-8 standard streams. */
  public static CliEnvironment system() {
    return new CliEnvironment(
        System.getenv(),
        Path.of(System.getProperty("user.home")),
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.console() != null);
  }

  /** An environment variable, or null. */
  public @Nullable String variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
