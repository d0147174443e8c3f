package io.mlmeta.cli.artifact;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.output.Json;
import io.mlmeta.cli.output.OutputFormat;
import io.mlmeta.cli.output.Table;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.Workspace;
import io.mlmeta.sdk.model.ArtifactDetails;
import io.mlmeta.sdk.model.ArtifactQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlmeta artifacts list}. */
@Command(
    name = "artifacts",
    mixinStandardHelpOptions = true,
    description = "Artifacts of a workspace.",
    subcommands = ArtifactsCommand.ListArtifacts.class)
public final class ArtifactsCommand {

  /** {@code mlmeta artifacts list --workspace W [--type T ...]}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List artifacts by id.")
  public static final class ListArtifacts extends CliCommand {

    @Option(names = "--workspace", required = true, paramLabel = "NAME", description = "Workspace.")
    String workspace;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only these types (repeatable).")
    List<String> types = new ArrayList<>();

    @Option(names = "--limit", defaultValue = "1000", description = "Most rows per type.")
    int limit;

    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    OutputFormat format;

    @Override
    protected int execute() {
      List<ArtifactDetails> artifacts = new ArrayList<>();
      try (Store store = openStore()) {
        Workspace ws = Workspace.get(store, workspace);
        for (String type : types.isEmpty() ? Collections.<String>singletonList(null) : types) {
          artifacts.addAll(ws.artifacts(type, ArtifactQuery.all(), limit));
        }
      }
      artifacts.sort(Comparator.comparingLong(ArtifactDetails::id));
      if (format == OutputFormat.json) {
        out().println(Json.pretty(artifacts.stream().map(ListArtifacts::json).toList()));
      } else {
        Table table = new Table("ID", "TYPE", "NAME", "VERSION", "STATE", "URI", "CREATED");
        artifacts.forEach(
            a ->
                table.row(
                    a.id(), a.type(), a.name(), a.version(), a.state(), a.uri(), a.createTime()));
        out().print(table.render());
      }
      return ExitCode.OK;
    }

    private static Map<String, Object> json(ArtifactDetails a) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", a.id());
      m.put("workspace", a.workspace());
      m.put("type", a.type());
      m.put("name", a.name());
      m.put("uri", a.uri());
      m.put("version", a.version());
      m.put("state", a.state());
      m.put("digest", a.digest());
      m.put("createTime", a.createTime());
      m.put("updateTime", a.updateTime());
      m.put("properties", Json.sorted(a.properties()));
      return m;
    }
  }
}
