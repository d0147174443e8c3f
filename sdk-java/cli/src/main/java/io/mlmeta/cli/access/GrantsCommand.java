package io.mlmeta.cli.access;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.output.OutputFormat;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.access.Grant;
import io.mlmeta.sdk.access.Grantee;
import io.mlmeta.sdk.access.Role;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mlmeta grants add|list|remove}. */
@Command(
    name = "grants",
    mixinStandardHelpOptions = true,
    description = "Roles in a workspace, granted to users, groups and API tokens.",
    subcommands = {
      GrantsCommand.AddGrant.class,
      GrantsCommand.ListGrants.class,
      GrantsCommand.RemoveGrant.class
    })
public final class GrantsCommand {

  /** Exactly one of {@code --user}, {@code --group}, {@code --token-id}. */
  static final class Who {
    @Option(names = "--user", paramLabel = "U", description = "A user or service account subject.")
    @Nullable String user;

    @Option(names = "--group", paramLabel = "G", description = "A group.")
    @Nullable String group;

    // Not --token: that is the connection's bearer token, inherited by every command.
    @Option(names = "--token-id", paramLabel = "ID", description = "An API token's id.")
    @Nullable String token;

    Grantee grantee() {
      if (user != null) {
        return Grantee.user(user);
      }
      if (group != null) {
        return Grantee.group(group);
      }
      if (token != null) {
        return Grantee.token(token);
      }
      throw new IllegalArgumentException("give --user, --group or --token-id");
    }
  }

  private static String describe(Grantee grantee) {
    return grantee.kind().name().toLowerCase(Locale.ROOT) + " " + grantee.name();
  }

  /** {@code mlmeta grants add WORKSPACE --user U|--group G|--token-id ID --role R}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Give a role in a workspace, replacing the one held there (needs owner).")
  public static final class AddGrant extends CliCommand {

    @Parameters(paramLabel = "WORKSPACE", description = "The workspace.")
    String workspace;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    @Option(names = "--role", required = true, description = "reader, writer or owner.")
    Role role;

    @Override
    protected int execute() {
      Grant grant;
      try (Store store = openStore()) {
        grant = store.access().grant(workspace, who.grantee(), role);
      }
      out()
          .println(
              "Granted "
                  + Access.name(grant.role())
                  + " in "
                  + grant.workspace()
                  + " to "
                  + describe(grant.grantee())
                  + ".");
      return ExitCode.OK;
    }
  }

  /** {@code mlmeta grants list WORKSPACE}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a workspace's grants (needs reader).")
  public static final class ListGrants extends CliCommand {

    @Parameters(paramLabel = "WORKSPACE", description = "The workspace.")
    String workspace;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    OutputFormat format;

    @Override
    protected int execute() {
      List<Grant> grants;
      try (Store store = openStore()) {
        grants = store.access().grants(workspace);
      }
      printList(
          format,
          grants,
          Access::json,
          g ->
              new Object[] {
                g.grantee().kind().name().toLowerCase(Locale.ROOT),
                g.grantee().name(),
                Access.name(g.role()),
                g.grantedBy(),
                g.grantTime()
              },
          "KIND",
          "GRANTEE",
          "ROLE",
          "GRANTED_BY",
          "GRANTED");
      return ExitCode.OK;
    }
  }

  /** {@code mlmeta grants remove WORKSPACE --user U|--group G|--token-id ID}. */
  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Take a grantee's role in a workspace away (needs owner).")
  public static final class RemoveGrant extends CliCommand {

    @Parameters(paramLabel = "WORKSPACE", description = "The workspace.")
    String workspace;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    @Override
    protected int execute() {
      Grantee grantee = who.grantee();
      boolean removed;
      try (Store store = openStore()) {
        removed = store.access().revoke(workspace, grantee);
      }
      out()
          .println(
              removed
                  ? "Removed the role of " + describe(grantee) + " in " + workspace + "."
                  : describe(grantee) + " had no role in " + workspace + ".");
      return ExitCode.OK;
    }
  }
}
