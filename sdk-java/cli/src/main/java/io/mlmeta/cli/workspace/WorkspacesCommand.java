package io.mlmeta.cli.workspace;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.output.OutputFormat;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlmeta workspaces list}. */
@Command(
    name = "workspaces",
    mixinStandardHelpOptions = true,
    description = "Workspaces (tenants).",
    subcommands = WorkspacesCommand.ListWorkspaces.class)
public final class WorkspacesCommand {

  /** {@code mlmeta workspaces list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every workspace.")
  public static final class ListWorkspaces extends CliCommand {

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    OutputFormat format;

    @Override
    protected int execute() {
      List<Workspace> workspaces;
      try (Store store = openStore()) {
        workspaces = store.workspaces();
      }
      printList(
          format,
          workspaces,
          ListWorkspaces::json,
          w -> new Object[] {w.id(), w.name(), w.description(), w.createTime()},
          "ID",
          "NAME",
          "DESCRIPTION",
          "CREATED");
      return ExitCode.OK;
    }

    private static Map<String, Object> json(Workspace w) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", w.id());
      m.put("name", w.name());
      m.put("description", w.description());
      m.put("labels", new TreeMap<>(w.labels()));
      m.put("createTime", w.createTime());
      return m;
    }
  }
}
