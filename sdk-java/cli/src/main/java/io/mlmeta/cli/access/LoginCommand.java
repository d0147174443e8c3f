package io.mlmeta.cli.access;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.CliException;
import io.mlmeta.cli.ConnectionSettings;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.sdk.TokenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlmeta login --token T | --token-stdin}: stores a token in the token file. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Store a bearer token for later commands in the token file (MLMETA_TOKEN_FILE, else",
      "~/.config/mlmeta/token; readable by you only). Prefer --token-stdin: a token on the",
      "command line ends up in the shell's history."
    })
public final class LoginCommand extends CliCommand {

  @Option(names = "--token-stdin", description = "Read the token from standard input.")
  boolean fromStdin;

  @Override
  protected int execute() throws IOException {
    String given = option("--token", String.class);
    if (given != null && fromStdin) {
      throw new CliException(ExitCode.USAGE, "give --token or --token-stdin, not both");
    }
    String token;
    if (fromStdin) {
      token = new String(environment().in().readAllBytes(), StandardCharsets.UTF_8);
    } else if (given != null) {
      token = given;
    } else {
      throw new CliException(ExitCode.USAGE, "give the token with --token-stdin or --token");
    }
    Path file = ConnectionSettings.tokenFileLocation(environment());
    try {
      TokenFile.write(file, token);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "not a token: " + e.getMessage());
    }
    out().println("Token stored in " + file + ".");
    if (environment().variable(TokenFile.TOKEN_VARIABLE) != null) {
      environment()
          .err()
          .println("mlmeta: note: MLMETA_TOKEN is set and wins over the stored token.");
    }
    return ExitCode.OK;
  }
}
