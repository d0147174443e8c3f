package io.mlmeta.cli.access;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.ConnectionSettings;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.sdk.TokenFile;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code mlmeta logout}: deletes the token file. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    description =
        "Delete the stored token (the token itself stays valid until revoked: 'mlmeta tokens"
            + " revoke').")
public final class LogoutCommand extends CliCommand {

  @Override
  protected int execute() {
    Path file = ConnectionSettings.tokenFileLocation(environment());
    out()
        .println(
            TokenFile.delete(file) ? "Removed " + file + "." : "No token stored in " + file + ".");
    return ExitCode.OK;
  }
}
