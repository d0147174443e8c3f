package io.mlmeta.cli.execution;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.output.Json;
import io.mlmeta.cli.output.OutputFormat;
import io.mlmeta.cli.output.Table;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.model.ExecutionDetails;
import io.mlmeta.sdk.model.ExecutionState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlmeta executions list}. */
@Command(
    name = "executions",
    mixinStandardHelpOptions = true,
    description = "Executions of a workspace.",
    subcommands = ExecutionsCommand.ListExecutions.class)
public final class ExecutionsCommand {

  /** {@code mlmeta executions list --workspace W [--type T ...] [--state S] [--context ID]}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List executions by id.")
  public static final class ListExecutions extends CliCommand {

    @Option(names = "--workspace", required = true, paramLabel = "NAME", description = "Workspace.")
    String workspace;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only these types (repeatable).")
    List<String> types = new ArrayList<>();

    @Option(names = "--state", description = "Only this state: ${COMPLETION-CANDIDATES}.")
    @Nullable ExecutionState state;

    @Option(names = "--context", paramLabel = "ID", description = "Only members of this run.")
    long contextId;

    @Option(names = "--limit", defaultValue = "1000", description = "Most rows per type.")
    int limit;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    OutputFormat format;

    @Override
    protected int execute() {
      List<ExecutionDetails> executions = new ArrayList<>();
      try (Store store = openStore()) {
        Workspace ws = Workspace.get(store, workspace);
        for (String type : types.isEmpty() ? Collections.<String>singletonList(null) : types) {
          executions.addAll(ws.executions(type, state, contextId, limit));
        }
      }
      executions.sort(Comparator.comparingLong(ExecutionDetails::id));
      if (format == OutputFormat.json) {
        out().println(Json.pretty(executions.stream().map(ListExecutions::json).toList()));
      } else {
        Table table = new Table("ID", "TYPE", "NAME", "STATE", "STARTED", "ENDED");
        executions.forEach(
            e -> table.row(e.id(), e.type(), e.name(), e.state(), e.startTime(), e.endTime()));
        out().print(table.render());
      }
      return ExitCode.OK;
    }

    private static Map<String, Object> json(ExecutionDetails e) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("workspace", e.workspace());
      m.put("type", e.type());
      m.put("name", e.name());
      m.put("state", e.state());
      m.put("startTime", e.startTime());
      m.put("endTime", e.endTime());
      m.put("createTime", e.createTime());
      m.put("properties", Json.sorted(e.properties()));
      return m;
    }
  }
}
