package io.mlmeta.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.MlmetaCli;
import io.mlmeta.it.support.PackagedServer;
import io.mlmeta.sdk.Execution;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.access.CreatedToken;
import io.mlmeta.sdk.access.Role;
import io.mlmeta.sdk.model.DataSet;
import io.mlmeta.sdk.model.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI rows of the access matrix of issue 13: every leaf command of the CLI's picocli model, run
 * in-process against the packaged server as each kind of caller, against the rule its row names. A
 * command added without a row fails {@link #everyCommandHasARule()}. ({@code ./mlmeta server} is
 * the launcher script's, not a CLI command.)
 *
 * <p>The packaged server listens on loopback and trusts no proxy, so the anonymous caller is the
 * local admin and every other caller is an API token in {@code MLMETA_TOKEN}, as a CI job calls:
 * reader, writer and owner of the matrix workspace, an admin token, the owner of another workspace,
 * and a revoked owner token of the matrix workspace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliAccessMatrixIT {

  /** What a command needs. */
  enum Rule {
    /** Any identified caller: its own identity, shared types, its own lists. */
    ANYONE,
    READ,
    OWN,
    ADMIN,
    /** Refused to every API token, admin or not: a leaked token must not mint or list tokens. */
    NO_TOKEN,
    /**
     * Revoking a token: its creator or an admin; anyone else is told it does not exist. Tokens
     * cannot create tokens, so no token caller is a creator.
     */
    TOKEN_CREATOR
  }

  enum Who {
    ANONYMOUS,
    READER,
    WRITER,
    OWNER,
    ADMIN,
    OTHER_OWNER,
    REVOKED_TOKEN
  }

  enum Outcome {
    ALLOWED(ExitCode.OK),
    DENIED(ExitCode.FORBIDDEN),
    /** The workspace or entity does not exist for this caller. */
    HIDDEN(ExitCode.NOT_FOUND),
    UNAUTHENTICATED(ExitCode.UNAUTHORIZED);

    final int exitCode;

    Outcome(int exitCode) {
      this.exitCode = exitCode;
    }
  }

  /** A command's rule and its arguments, built anew for every run (some need fresh names). */
  private record Row(Rule rule, Supplier<List<String>> arguments) {}

  /** Commands that never call the server, so no caller can be refused. */
  private static final Map<String, String> LOCAL =
      Map.of(
          "login", "writes the token file",
          "logout", "deletes the token file",
          "export verify", "checks a report file's embedded digest",
          "help", "prints usage");

  @TempDir Path home;

  private String workspace;
  private long datasetId;
  private long modelId;
  private final Map<Who, String> tokens = new EnumMap<>(Who.class);

  static Outcome expected(Rule rule, Who who) {
    if (who == Who.REVOKED_TOKEN) {
      return Outcome.UNAUTHENTICATED;
    }
    if (who == Who.ANONYMOUS) {
      // The local admin, on loopback.
      return Outcome.ALLOWED;
    }
    return switch (rule) {
      case ANYONE -> Outcome.ALLOWED;
      case NO_TOKEN -> Outcome.DENIED;
      case ADMIN -> who == Who.ADMIN ? Outcome.ALLOWED : Outcome.DENIED;
      case TOKEN_CREATOR -> who == Who.ADMIN ? Outcome.ALLOWED : Outcome.HIDDEN;
      case READ -> inWorkspace(Role.READER, who);
      case OWN -> inWorkspace(Role.OWNER, who);
    };
  }

  private static Outcome inWorkspace(Role needed, Who who) {
    Role held =
        switch (who) {
          // An admin may do everything in every workspace.
          case ADMIN, OWNER -> Role.OWNER;
          case WRITER -> Role.WRITER;
          case READER -> Role.READER;
          // No role in the workspace: it does not exist for this caller.
          default -> null;
        };
    if (held == null) {
      return Outcome.HIDDEN;
    }
    return held.compareTo(needed) >= 0 ? Outcome.ALLOWED : Outcome.DENIED;
  }

  @BeforeAll
  void writeFixture() {
    workspace = "matrix-" + UUID.randomUUID();
    String elsewhere = "elsewhere-" + UUID.randomUUID();
    try (Store admin = anonymous()) {
      Workspace ws = Workspace.create(admin, workspace);
      Workspace.create(admin, elsewhere);
      Execution train = Execution.create("train", ws, null, null, "Train");
      datasetId =
          train.logInput(DataSet.builder().uri("s3://matrix/data").name("data").build()).id();
      modelId =
          train.logOutput(Model.builder().uri("s3://matrix/model").name("model").build()).id();
      train.complete();

      tokens.put(Who.READER, token(admin, "matrix-reader", Map.of(workspace, Role.READER)));
      tokens.put(Who.WRITER, token(admin, "matrix-writer", Map.of(workspace, Role.WRITER)));
      tokens.put(Who.OWNER, token(admin, "matrix-owner", Map.of(workspace, Role.OWNER)));
      tokens.put(Who.OTHER_OWNER, token(admin, "matrix-other", Map.of(elsewhere, Role.OWNER)));
      tokens.put(
          Who.ADMIN, admin.access().createToken("matrix-admin", Map.of(), true, null).secret());
      CreatedToken revoked =
          admin.access().createToken("matrix-revoked", Map.of(workspace, Role.OWNER), false, null);
      admin.access().revokeToken(revoked.token().id());
      tokens.put(Who.REVOKED_TOKEN, revoked.secret());
    }
  }

  private static String token(Store admin, String name, Map<String, Role> scopes) {
    return admin.access().createToken(name, scopes, false, null).secret();
  }

  private static Store anonymous() {
    return Store.builder().target(PackagedServer.shared().grpcTarget()).token(null).build();
  }

  /** A token of the local admin, for a caller to try to revoke. */
  private static String freshTokenId(String workspace) {
    try (Store admin = anonymous()) {
      return admin
          .access()
          .createToken("to-revoke", Map.of(workspace, Role.READER), false, null)
          .token()
          .id();
    }
  }

  private Map<String, Row> rows() {
    String ws = workspace;
    Map<String, Row> rows = new LinkedHashMap<>();
    row(rows, "export audit", Rule.READ, "export", "audit", "--model", Long.toString(modelId));
    row(rows, "lineage", Rule.READ, "lineage", Long.toString(datasetId));
    row(rows, "artifacts list", Rule.READ, "artifacts", "list", "--workspace", ws);
    row(rows, "executions list", Rule.READ, "executions", "list", "--workspace", ws);
    row(rows, "workspaces list", Rule.ANYONE, "workspaces", "list");
    row(rows, "types list", Rule.ANYONE, "types", "list");
    rows.put(
        "types register",
        new Row(
            Rule.ADMIN,
            () ->
                List.of(
                    "types",
                    "register",
                    "--kind",
                    "artifact",
                    "--name",
                    "Matrix" + UUID.randomUUID().toString().replace("-", ""))));
    row(rows, "graph status", Rule.ADMIN, "graph", "status");
    row(rows, "graph rebuild", Rule.ADMIN, "graph", "rebuild");
    // --repair, so a mirror still catching up exits 0 rather than 5 (differs).
    row(rows, "graph check", Rule.ADMIN, "graph", "check", "--repair");
    row(rows, "log verify", Rule.ADMIN, "log", "verify");
    row(rows, "whoami", Rule.ANYONE, "whoami");
    row(
        rows,
        "tokens create",
        Rule.NO_TOKEN,
        "tokens",
        "create",
        "--name",
        "matrix",
        "--workspace",
        ws,
        "--role",
        "reader");
    row(rows, "tokens list", Rule.NO_TOKEN, "tokens", "list");
    rows.put(
        "tokens revoke",
        new Row(Rule.TOKEN_CREATOR, () -> List.of("tokens", "revoke", freshTokenId(ws))));
    row(
        rows,
        "grants add",
        Rule.OWN,
        "grants",
        "add",
        ws,
        "--user",
        "guest@example.com",
        "--role",
        "reader");
    row(rows, "grants list", Rule.READ, "grants", "list", ws);
    row(rows, "grants remove", Rule.OWN, "grants", "remove", ws, "--user", "nobody@example.com");
    return rows;
  }

  private static void row(Map<String, Row> rows, String command, Rule rule, String... arguments) {
    rows.put(command, new Row(rule, () -> List.of(arguments)));
  }

  @Test
  void everyCommandHasARule() {
    Set<String> commands = leafCommands();
    Set<String> ruled = new TreeSet<>(rows().keySet());
    assertThat(ruled)
        .as("commands both ruled and local")
        .doesNotContainAnyElementsOf(LOCAL.keySet());
    ruled.addAll(LOCAL.keySet());

    assertThat(commands).as("CLI commands without a rule here").isSubsetOf(ruled);
    assertThat(ruled).as("rules here for commands the CLI does not have").isSubsetOf(commands);
  }

  @Test
  void everyCallerGetsWhatItsRoleAllows() {
    long started = System.nanoTime();
    List<String> unexpected = new ArrayList<>();
    List<String> unexpectedAllows = new ArrayList<>();
    Map<String, Row> rows = rows();
    int runs = 0;
    for (var entry : rows.entrySet()) {
      for (Who who : Who.values()) {
        Outcome want = expected(entry.getValue().rule(), who);
        List<String> arguments = entry.getValue().arguments().get();
        CliRun run = as(who, arguments);
        runs++;
        if (run.exitCode() != want.exitCode) {
          String line =
              "mlmeta "
                  + String.join(" ", arguments)
                  + " as "
                  + who
                  + ": exit "
                  + run.exitCode()
                  + ", expected "
                  + want.exitCode
                  + " ("
                  + want
                  + "): "
                  + run.err().strip();
          unexpected.add(line);
          if (run.exitCode() == ExitCode.OK) {
            unexpectedAllows.add(line);
          }
        }
      }
    }
    String summary =
        String.format(
            "CLI access matrix: %d commands x %d callers = %d runs in %d s, %d unexpected (%d"
                + " allows); not applicable (local): %s",
            rows.size(),
            Who.values().length,
            runs,
            (System.nanoTime() - started) / 1_000_000_000L,
            unexpected.size(),
            unexpectedAllows.size(),
            new TreeMap<>(LOCAL));
    System.out.println(summary);
    assertThat(unexpectedAllows).as("unexpected allows; %s", summary).isEmpty();
    assertThat(unexpected).as("%s", summary).isEmpty();
  }

  /**
   * Runs the CLI with the caller's token in {@code MLMETA_TOKEN}; the anonymous caller has none.
   */
  private CliRun as(Who who, List<String> arguments) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("MLMETA_SERVER", PackagedServer.shared().grpcTarget());
    String token = tokens.get(who);
    if (token != null) {
      variables.put("MLMETA_TOKEN", token);
    }
    return CliRun.raw(home, variables, arguments.toArray(String[]::new));
  }

  /** The leaf commands of the CLI's picocli model, by their full name below {@code mlmeta}. */
  private static Set<String> leafCommands() {
    Set<String> leaves = new TreeSet<>();
    collect(new CommandLine(MlmetaCli.class), "", leaves);
    assertThat(leaves).as("leaf commands").isNotEmpty();
    return leaves;
  }

  private static void collect(CommandLine command, String path, Set<String> leaves) {
    if (command.getSubcommands().isEmpty()) {
      leaves.add(path);
      return;
    }
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              // Aliases map to the same command; walk it once, under its own name.
              if (name.equals(sub.getCommandName())) {
                collect(sub, path.isEmpty() ? name : path + " " + name, leaves);
              }
            });
  }
}
