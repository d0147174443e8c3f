package io.mlmeta.cli;

import io.mlmeta.cli.output.Json;
import io.mlmeta.cli.output.OutputFormat;
import io.mlmeta.cli.output.Table;
import io.mlmeta.sdk.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the leaf commands: access to the run's environment, its output and a store opened with
 * the connection options given anywhere on the command line. Subclasses implement {@link
 * #execute()} and return an {@link ExitCode}.
 */
public abstract class CliCommand implements Callable<Integer> {

  @Spec protected CommandSpec spec;

  /** Runs the command. */
  protected abstract int execute() throws Exception;

  @Override
  public final Integer call() throws Exception {
    return execute();
  }

  /** The run's environment. */
  protected CliEnvironment environment() {
    return root().environment();
  }

  /** Standard output, for results. */
  protected PrintWriter out() {
    return environment().out();
  }

  /**
   * Prints a listing: a JSON array of {@code json} per item, or a table with {@code row}'s cells
   * under {@code header}.
   */
  protected <T> void printList(
      OutputFormat format,
      List<T> items,
      Function<T, Object> json,
      Function<T, @Nullable Object[]> row,
      String... header) {
    if (format == OutputFormat.json) {
      out().println(Json.pretty(items.stream().map(json).toList()));
      return;
    }
    Table table = new Table(header);
    items.forEach(item -> table.row(row.apply(item)));
    out().print(table.render());
  }

  /** Progress on stderr when a person watches. */
  protected Progress progress() {
    return new Progress(environment());
  }

  /** Opens a store with the resolved connection settings; close it when done. */
  protected Store openStore() {
    Long timeoutSeconds = option("--timeout", Long.class);
    ConnectionSettings.Flags flags =
        new ConnectionSettings.Flags(
            option("--server", String.class),
            option("--token", String.class),
            option("--tls", Boolean.class),
            option("--ca-file", Path.class),
            timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds),
            option("--gateway-user", String.class),
            option("--gateway-groups", String.class));
    return root().connection(flags).open();
  }

  private MlmetaCli root() {
    return (MlmetaCli) spec.root().userObject();
  }

  /** The value of an inherited option wherever on the command line it was given, or null. */
  protected <T> @Nullable T option(String name, Class<T> type) {
    for (CommandSpec command = spec; command != null; command = command.parent()) {
      OptionSpec option = command.findOption(name);
      if (option != null && option.getValue() != null) {
        return type.cast(option.getValue());
      }
    }
    return null;
  }
}
