package io.mlmeta.cli.lineage;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.sdk.LineageQuery;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.lineage.Lineage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mlmeta lineage <id>}: walks the lineage graph from artifacts or executions. */
@Command(
    name = "lineage",
    mixinStandardHelpOptions = true,
    description = {
      "Walk the lineage graph from artifact ids or node keys (artifact:12, execution:7).",
      "Both directions unless --up or --down; every edge is one hop."
    })
public final class LineageCommand extends CliCommand {

  /** The output formats of a lineage walk. */
  public enum Format {
    table,
    json,
    dot
  }

  static final class Direction {
    @Option(names = "--up", description = "Upstream only: what it was made from.")
    boolean up;

    @Option(names = "--down", description = "Downstream only: what was made from it.")
    boolean down;
  }

  @Parameters(arity = "1..*", paramLabel = "ID", description = "Artifact ids or node keys.")
  List<String> start = new ArrayList<>();

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  @Nullable Direction direction;

  @Option(names = "--hops", paramLabel = "N", description = "Most hops (server default: 10).")
  @Nullable Integer hops;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only nodes of these types.")
  List<String> types = new ArrayList<>();

  @Option(names = "--stop-at", paramLabel = "TYPE", description = "Do not walk past these types.")
  List<String> stopAt = new ArrayList<>();

  @Option(
      names = "--engine",
      description = "memory, postgres or neo4j instead of the router's choice.")
  @Nullable String engine;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, json or dot; default: ${DEFAULT-VALUE}.")
  Format format;

  @Override
  protected int execute() {
    Lineage lineage;
    try (Store store = openStore()) {
      LineageQuery query = store.lineage(start.toArray(String[]::new)).pageSize(1000);
      if (direction != null && direction.up) {
        query.upstream();
      } else if (direction != null && direction.down) {
        query.downstream();
      }
      if (hops != null) {
        query.maxHops(hops);
      }
      query.types(types.toArray(String[]::new)).stopAt(stopAt.toArray(String[]::new));
      if (engine != null) {
        query.engine(engine);
      }
      lineage = query.fetchAll();
    }
    out()
        .print(
            switch (format) {
              case table -> LineageRenderer.table(lineage);
              case json -> LineageRenderer.json(lineage);
              case dot -> LineageRenderer.dot(lineage);
            });
    if (lineage.truncated()) {
      environment()
          .err()
          .println("mlmeta: warning: the walk was truncated: " + lineage.truncation());
    }
    return ExitCode.OK;
  }
}
