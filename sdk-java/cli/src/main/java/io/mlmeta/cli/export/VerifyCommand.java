package io.mlmeta.cli.export;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.audit.ReportDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mlmeta export verify FILE}: checks a report's embedded digest. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check that a report written by 'mlmeta export audit' is unchanged, in any format.",
      "Exits 0 when it is, 5 when any byte differs."
    })
public final class VerifyCommand extends CliCommand {

  @Parameters(paramLabel = "FILE", description = "The report.")
  Path file;

  @Override
  protected int execute() throws Exception {
    ReportDigest.Check check = ReportDigest.verify(Files.readAllBytes(file));
    if (check.valid()) {
      out().println("OK " + file + " sha256:" + check.recorded());
      return ExitCode.OK;
    }
    environment().err().println("mlmeta: FAILED " + file + ": " + check.problem());
    return ExitCode.VERIFICATION_FAILED;
  }
}
