package io.mlmeta.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a CLI run sees of the world: environment variables, the home directory (for {@code
 * ~/.mlmeta/cli.properties} and the token file), its standard streams and whether a person watches
 * stderr. Tests build their own to run the CLI in-process.
 *
 * @param variables environment variables
 * @param home the user's home directory
 * @param out standard output: results only
 * @param err standard error: errors, and progress when {@code interactive}
 * @param interactive whether stderr is a terminal, so progress is worth showing
 * @param in standard input (read by {@code login --token-stdin})
 */
public record CliEnvironment(
    Map<String, String> variables,
    Path home,
    PrintWriter out,
    PrintWriter err,
    boolean interactive,
    InputStream in) {

  /** Copies the variables. */
  public CliEnvironment {
    variables = Map.copyOf(variables);
  }

  /** An environment whose standard input is empty. */
  public CliEnvironment(
      Map<String, String> variables,
      Path home,
      PrintWriter out,
      PrintWriter err,
      boolean interactive) {
    this(variables, home, out, err, interactive, new ByteArrayInputStream(new byte[0]));
  }

  /** The process's own environment, with UTF-8 standard streams. */
  public static CliEnvironment system() {
    return new CliEnvironment(
        System.getenv(),
        Path.of(System.getProperty("user.home")),
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.console() != null,
        System.in);
  }

  /** An environment variable, or null. */
  public @Nullable String variable(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
