package io.mlmeta.cli;

import io.mlmeta.cli.access.GrantsCommand;
import io.mlmeta.cli.access.LoginCommand;
import io.mlmeta.cli.access.LogoutCommand;
import io.mlmeta.cli.access.TokensCommand;
import io.mlmeta.cli.access.WhoamiCommand;
import io.mlmeta.cli.artifact.ArtifactsCommand;
import io.mlmeta.cli.execution.ExecutionsCommand;
import io.mlmeta.cli.export.ExportCommand;
import io.mlmeta.cli.graph.GraphCommand;
import io.mlmeta.cli.lineage.LineageCommand;
import io.mlmeta.cli.log.LogCommand;
import io.mlmeta.cli.type.TypesCommand;
import io.mlmeta.cli.workspace.WorkspacesCommand;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code mlmeta} command line: the root command, its connection options (inherited by every
 * subcommand) and the entry points. {@link #run(CliEnvironment, String...)} runs it in-process and
 * returns the {@link ExitCode}.
 */
@Command(
    name = "mlmeta",
    mixinStandardHelpOptions = true,
    version = "mlmeta 0.1.0",
    description = "Query and audit an mlmeta metadata and lineage store.",
    subcommands = {
      ExportCommand.class,
      LineageCommand.class,
      ArtifactsCommand.class,
      ExecutionsCommand.class,
      WorkspacesCommand.class,
      TypesCommand.class,
      GraphCommand.class,
      LogCommand.class,
      LoginCommand.class,
      LogoutCommand.class,
      WhoamiCommand.class,
      TokensCommand.class,
      GrantsCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nConnection:%n",
    footer = {
      "  Flags win over the environment (MLMETA_SERVER, MLMETA_TOKEN, MLMETA_TLS,",
      "  MLMETA_CA_FILE, MLMETA_TIMEOUT, MLMETA_GATEWAY_USER, MLMETA_GATEWAY_GROUPS),",
      "  which wins over the config file (MLMETA_CONFIG, else ~/.mlmeta/cli.properties;",
      "  keys server, token, tls, ca-file, timeout). Default server: localhost:8080.",
      "  The token is the first of --token, MLMETA_TOKEN, the token file 'mlmeta login'",
      "  writes (MLMETA_TOKEN_FILE, else ~/.config/mlmeta/token) and the config file.",
      "",
      "Exit codes:",
      "  0 ok, 1 usage, 2 not found, 3 invalid, 4 unavailable, 5 verification failed,",
      "  6 unauthenticated, 7 conflict, 8 I/O error, 9 other, 10 forbidden"
    })
public final class MlmetaCli {

  @Option(
      names = "--server",
      scope = ScopeType.INHERIT,
      paramLabel = "HOST:PORT",
      description = "Server address (default: localhost:8080).")
  @Nullable String server;

  @Option(
      names = "--token",
      scope = ScopeType.INHERIT,
      description = "Bearer token sent with every call (prefer MLMETA_TOKEN).")
  @Nullable String token;

  @Option(
      names = "--gateway-user",
      scope = ScopeType.INHERIT,
      paramLabel = "USER",
      description =
          "Name the caller in a gateway's kubeflow-userid header instead of sending a token"
              + " (only where the server trusts this host as its proxy).")
  @Nullable String gatewayUser;

  @Option(
      names = "--gateway-groups",
      scope = ScopeType.INHERIT,
      paramLabel = "G1,G2",
      description = "Groups for the kubeflow-groups header, with --gateway-user.")
  @Nullable String gatewayGroups;

  @Option(names = "--tls", scope = ScopeType.INHERIT, description = "Connect with TLS.")
  @Nullable Boolean tls;

  @Option(
      names = "--ca-file",
      scope = ScopeType.INHERIT,
      paramLabel = "PEM",
      description = "Trust these certificates (implies --tls).")
  @Nullable Path caFile;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "SECONDS",
      description = "Deadline of each call (default: 30).")
  @Nullable Long timeoutSeconds;

  private final CliEnvironment environment;

  MlmetaCli(CliEnvironment environment) {
    this.environment = environment;
  }

  /** Runs the CLI as a process: exits with the command's {@link ExitCode}. */
  public static void main(String[] args) {
    System.exit(run(CliEnvironment.system(), args));
  }

  /** Runs one command in-process and returns its {@link ExitCode}; never exits the JVM. */
  public static int run(CliEnvironment environment, String... args) {
    CommandLine commandLine = new CommandLine(new MlmetaCli(environment));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setOut(environment.out());
    commandLine.setErr(environment.err());
    commandLine.setParameterExceptionHandler(
        (error, arguments) -> {
          CommandLine failed = error.getCommandLine();
          failed.getErr().println("mlmeta: " + error.getMessage());
          if (!CommandLine.UnmatchedArgumentException.printSuggestions(error, failed.getErr())) {
            failed
                .getErr()
                .println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
          }
          failed.getErr().flush();
          return ExitCode.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (error, failed, parsed) -> {
          failed.getErr().println("mlmeta: " + describe(error));
          failed.getErr().flush();
          return ExitCode.of(error);
        });
    int exitCode = commandLine.execute(args);
    environment.out().flush();
    environment.err().flush();
    return exitCode;
  }

  /** The environment of this run. */
  public CliEnvironment environment() {
    return environment;
  }

  /** The connection settings of the given flags, environment and config file. */
  ConnectionSettings connection(ConnectionSettings.Flags flags) {
    return ConnectionSettings.resolve(flags, environment);
  }

  private static @Nullable String describe(Exception error) {
    String message = error.getMessage();
    if (error instanceof CliException) {
      return message;
    }
    if (error instanceof java.nio.file.NoSuchFileException) {
      return "file not found: " + message;
    }
    String kind =
        error instanceof io.mlmeta.sdk.error.MetadataException metadata
            ? metadata.code().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            : error.getClass().getSimpleName();
    String hint =
        switch (kind) {
          case "unauthenticated" ->
              "\n  The server could not identify you. Log in with 'mlmeta login --token-stdin',"
                  + " set MLMETA_TOKEN or pass --token; 'mlmeta whoami' shows who you are.";
          case "permission denied" ->
              "\n  Ask an owner of the workspace for a role ('mlmeta grants add'), or an admin.";
          default -> "";
        };
    return kind + (message == null ? "" : ": " + message) + hint;
  }
}
