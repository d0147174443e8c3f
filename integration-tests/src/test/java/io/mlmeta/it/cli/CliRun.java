package io.mlmeta.it.cli;

import io.mlmeta.cli.CliEnvironment;
import io.mlmeta.cli.MlmetaCli;
import io.mlmeta.it.support.PackagedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One in-process run of the {@code mlmeta} CLI against the shared packaged server: its exit code
 * and everything it printed.
 *
 * @param exitCode the command's exit code
 * @param out what it wrote to stdout
 * @param err what it wrote to stderr
 */
record CliRun(int exitCode, String out, String err) {

  /** Runs the CLI with {@code --server} pointing at the packaged server. */
  static CliRun of(Path home, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server");
    all.add(PackagedServer.shared().grpcTarget());
    return raw(home, Map.of(), all.toArray(String[]::new));
  }

  /** Runs the CLI with exactly these arguments and environment variables. */
  static CliRun raw(Path home, Map<String, String> variables, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        MlmetaCli.run(
            new CliEnvironment(variables, home, new PrintWriter(out), new PrintWriter(err), false),
            args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
