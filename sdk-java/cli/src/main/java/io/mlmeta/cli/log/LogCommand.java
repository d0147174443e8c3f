package io.mlmeta.cli.log;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.Progress;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.changelog.ChangeLogVerification;
import picocli.CommandLine.Command;

/** {@code mlmeta log verify}: the change log's integrity. */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = "The change log: every change to the store, hash-chained.",
    subcommands = {LogCommand.Verify.class})
public final class LogCommand {

  /** {@code mlmeta log verify}: exits 5 when an entry was changed, removed or moved. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Recompute the change log's hash chain from PostgreSQL (admin role).",
        "Lists each entry that was changed, removed or moved; exits 5 if there is one."
      })
  public static final class Verify extends CliCommand {
    @Override
    protected int execute() {
      Progress progress = progress();
      progress.update("recomputing the change log's chain...");
      ChangeLogVerification v;
      try (Store store = openStore()) {
        v = store.verifyChangeLog();
      } finally {
        progress.done();
      }
      out().println("intact: " + v.intact());
      out().println("verified entries: " + v.verifiedEntries());
      out().println("entries not chained yet: " + v.unsealedEntries());
      out().println("problems: " + v.problemCount());
      v.problems().forEach(p -> out().println("  position " + p.position() + ": " + p.problem()));
      if (v.problems().size() < v.problemCount()) {
        out().println("  ... " + (v.problemCount() - v.problems().size()) + " more");
      }
      return v.intact() ? ExitCode.OK : ExitCode.VERIFICATION_FAILED;
    }
  }
}
