package io.mlmeta.cli.export;

import io.mlmeta.cli.CliCommand;
import io.mlmeta.cli.ExitCode;
import io.mlmeta.cli.audit.AuditCollector;
import io.mlmeta.cli.audit.AuditFormat;
import io.mlmeta.cli.audit.AuditReport;
import io.mlmeta.sdk.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mlmeta export audit --model <id>}: the sealed audit report of a model's provenance. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Write a reproducible audit report of a model's provenance: the model, every upstream",
      "execution and artifact, its metrics, deployments, runs and who wrote what when.",
      "The same store gives the same bytes; a SHA-256 of the content is embedded for",
      "'mlmeta export verify'."
    })
public final class AuditCommand extends CliCommand {

  @Option(names = "--model", required = true, paramLabel = "ID", description = "Model artifact id.")
  long modelId;

  @Option(
      names = "--format",
      defaultValue = "md",
      description = "json, md, html, csv or prov (W3C PROV-JSON); default: ${DEFAULT-VALUE}.")
  AuditFormat format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
  @Nullable Path out;

  @Option(
      names = "--max-hops",
      defaultValue = "100",
      paramLabel = "N",
      description = "How far upstream to walk; default: ${DEFAULT-VALUE}.")
  int maxHops;

  @Override
  protected int execute() throws Exception {
    AuditReport report;
    try (Store store = openStore()) {
      report = new AuditCollector(store, progress()).collect(modelId, maxHops);
    }
    String text = format.render(report);
    if (out == null) {
      out().print(text);
      out().flush();
    } else {
      Files.writeString(out, text, StandardCharsets.UTF_8);
      if (environment().interactive()) {
        environment().err().println("wrote " + out);
      }
    }
    if (report.truncated()) {
      environment().err().println("mlmeta: warning: the lineage walk was truncated");
    }
    return ExitCode.OK;
  }
}
