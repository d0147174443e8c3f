package io.mlmeta.cli.graph;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.Progress;
import io.mlmeta.sdk.Store;
import io.mlmeta.sdk.lineage.MirrorCheck;
import io.mlmeta.sdk.lineage.MirrorRebuild;
import io.mlmeta.sdk.lineage.MirrorStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlmeta graph status|rebuild|check}: the Neo4j lineage mirror's administration. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = "Administer the Neo4j lineage mirror.",
    subcommands = {GraphCommand.Status.class, GraphCommand.Rebuild.class, GraphCommand.Check.class})
public final class GraphCommand {

  /** {@code mlmeta graph status}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Positions, lag, leader and last error of the mirror.")
  public static final class Status extends CliCommand {
    @Override
    protected int execute() {
      MirrorStatus s;
      try (Store store = openStore()) {
        s = store.mirrorStatus();
      }
      out().println("configured: " + s.configured());
      out().println("reachable: " + s.reachable());
      out().println("leader: " + s.leader());
      out().println("mirror position: " + s.mirrorPosition());
      out().println("latest position: " + s.latestPosition());
      out().println("lag rows: " + s.lagRows());
      out().println("last error: " + (s.lastError().isEmpty() ? "-" : s.lastError()));
      return ExitCode.OK;
    }
  }

  /** {@code mlmeta graph rebuild}. */
  @Command(
      name = "rebuild",
      mixinStandardHelpOptions = true,
      description = "Clear the mirror and copy the whole lineage graph from PostgreSQL.")
  public static final class Rebuild extends CliCommand {
    @Override
    protected int execute() {
      Progress progress = progress();
      progress.update("rebuilding the lineage mirror...");
      MirrorRebuild r;
      try (Store store = openStore()) {
        r = store.rebuildMirror();
      } finally {
        progress.done();
      }
      out().println("nodes: " + r.nodes());
      out().println("edges: " + r.edges());
      out().println("position: " + r.position());
      out().println("millis: " + r.millis());
      return ExitCode.OK;
    }
  }

  /**
   * {@code mlmeta graph check [--repair]}: exits 5 when the mirror differs and was not repaired.
   */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Compare PostgreSQL and the mirror node by node and edge by edge.",
        "Exits 5 when they differ, unless --repair fixed it."
      })
  public static final class Check extends CliCommand {

    @Option(names = "--repair", description = "Write the differences into the mirror.")
    boolean repair;

    @Override
    protected int execute() {
      Progress progress = progress();
      progress.update("comparing store and mirror...");
      MirrorCheck c;
      try (Store store = openStore()) {
        c = store.checkMirror(repair);
      } finally {
        progress.done();
      }
      out().println("consistent: " + c.consistent());
      out().println("nodes: store " + c.storeNodes() + ", mirror " + c.mirrorNodes());
      out().println("edges: store " + c.storeEdges() + ", mirror " + c.mirrorEdges());
      out()
          .println(
              "missing nodes: "
                  + c.missingNodes()
                  + ", extra nodes: "
                  + c.extraNodes()
                  + ", different nodes: "
                  + c.differentNodes());
      out().println("missing edges: " + c.missingEdges() + ", extra edges: " + c.extraEdges());
      c.sample().forEach(line -> out().println("  " + line));
      out().println("repaired: " + c.repaired());
      return c.consistent() || c.repaired() ? ExitCode.OK : ExitCode.VERIFICATION_FAILED;
    }
  }
}
