package io.mlmeta.cli.access;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.output.Json;
import io.mlmeta.cli.output.OutputFormat;
import io.mlmeta.cli.output.Table;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.access.Caller;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlmeta whoami}. */
@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description = "Show whom the server takes you to be: subject, kind, groups, admin, roles.")
public final class WhoamiCommand extends CliCommand {

  @Option(names = "--format", defaultValue = "table", description = "table or json.")
  OutputFormat format;

  @Override
  protected int execute() {
    Caller caller;
    try (Store store = openStore()) {
      caller = store.access().whoami();
    }
    if (format == OutputFormat.json) {
      out().println(Json.pretty(json(caller)));
    } else {
      Table table = new Table("FIELD", "VALUE");
      table.row("subject", caller.subject());
      table.row("kind", caller.kind());
      table.row("groups", caller.groups().isEmpty() ? null : String.join(", ", caller.groups()));
      table.row("admin", caller.admin() ? "yes" : "no");
      table.row(
          "roles",
          caller.roles().isEmpty()
              ? null
              : caller.roles().entrySet().stream()
                  .map(e -> e.getKey() + "=" + Access.name(e.getValue()))
                  .collect(Collectors.joining(", ")));
      out().print(table.render());
    }
    return ExitCode.OK;
  }

  private static Map<String, Object> json(Caller caller) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subject", caller.subject());
    m.put("kind", caller.kind());
    m.put("groups", caller.groups());
    m.put("admin", caller.admin());
    m.put("roles", Access.roles(caller.roles()));
    return m;
  }
}
