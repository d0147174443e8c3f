package io.mlmeta.cli.access;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.CliException;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.output.Json;
import io.mlmeta.cli.output.OutputFormat;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.access.ApiToken;
import io.mlmeta.sdk.access.CreatedToken;
import io.mlmeta.sdk.access.Role;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mlmeta tokens create|list|revoke}. */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description = "API tokens for machines and CI.",
    subcommands = {
      TokensCommand.CreateToken.class,
      TokensCommand.ListTokens.class,
      TokensCommand.RevokeToken.class
    })
public final class TokensCommand {

  /** {@code mlmeta tokens create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create an API token and print its secret, once: the server keeps only a hash.",
        "Scopes in a workspace need owner there; --admin needs admin."
      })
  public static final class CreateToken extends CliCommand {

    /** One {@code --workspace W --role R} pair. */
    static final class Scope {
      @Option(names = "--workspace", required = true, paramLabel = "W", description = "Workspace.")
      String workspace;

      @Option(
          names = "--role",
          required = true,
          paramLabel = "ROLE",
          description = "reader, writer or owner in the preceding --workspace.")
      Role role;
    }

    @Option(names = "--name", required = true, description = "What to call the token.")
    String name;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    @Nullable List<Scope> scopes;

    @Option(names = "--admin", description = "A global admin token (needs admin).")
    boolean admin;

    @Option(
        names = "--expires",
        paramLabel = "WHEN",
        description = "30d, 12h, 2027-01-01 or 2027-01-01T00:00:00Z (default: never).")
    @Nullable String expires;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    OutputFormat format;

    @Override
    protected int execute() {
      Map<String, Role> byWorkspace = new LinkedHashMap<>();
      for (Scope scope : scopes == null ? List.<Scope>of() : scopes) {
        if (byWorkspace.put(scope.workspace, scope.role) != null) {
          throw new CliException(ExitCode.USAGE, "workspace given twice: " + scope.workspace);
        }
      }
      if (byWorkspace.isEmpty() && !admin) {
        throw new CliException(
            ExitCode.USAGE, "give --workspace W --role R at least once, or --admin");
      }
      Instant expiry = expires == null ? null : Access.expiry(expires, Instant.now());
      CreatedToken created;
      try (Store store = openStore()) {
        created = store.access().createToken(name, byWorkspace, admin, expiry);
      }
      if (format == OutputFormat.json) {
        Map<String, Object> json = new LinkedHashMap<>(Access.json(created.token()));
        json.put("secret", created.secret());
        out().println(Json.pretty(json));
      } else {
        out().println(created.secret());
      }
      ApiToken token = created.token();
      environment()
          .err()
          .println(
              "mlmeta: created token "
                  + token.id()
                  + " ("
                  + token.name()
                  + (token.admin() ? ", admin" : "")
                  + (token.scopes().isEmpty() ? "" : ", " + Access.scopes(token.scopes()))
                  + (token.expireTime() == null ? "" : ", expires " + token.expireTime())
                  + "). Store the secret now: it is not shown again.");
      return ExitCode.OK;
    }
  }

  /** {@code mlmeta tokens list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the tokens you created (every token, for an admin); never secrets.")
  public static final class ListTokens extends CliCommand {

    @Option(names = "--all", description = "Include revoked and expired tokens.")
    boolean all;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    OutputFormat format;

    @Override
    protected int execute() {
      List<ApiToken> tokens;
      try (Store store = openStore()) {
        tokens = store.access().tokens(all);
      }
      Instant now = Instant.now();
      printList(
          format,
          tokens,
          Access::json,
          t ->
              new Object[] {
                t.id(),
                t.name(),
                Access.state(t, now),
                t.admin() ? "yes" : "no",
                t.scopes().isEmpty() ? null : Access.scopes(t.scopes()),
                t.createdBy(),
                t.createTime(),
                t.expireTime()
              },
          "ID",
          "NAME",
          "STATE",
          "ADMIN",
          "SCOPES",
          "CREATED_BY",
          "CREATED",
          "EXPIRES");
      return ExitCode.OK;
    }
  }

  /** {@code mlmeta tokens revoke ID}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a token at once (its creator or an admin may).")
  public static final class RevokeToken extends CliCommand {

    @Parameters(paramLabel = "ID", description = "The token's id (mlm_<id>_...).")
    String id;

    @Override
    protected int execute() {
      ApiToken token;
      try (Store store = openStore()) {
        token = store.access().revokeToken(id);
      }
      out().println("Revoked token " + token.id() + " (" + token.name() + ").");
      return ExitCode.OK;
    }
  }
}
