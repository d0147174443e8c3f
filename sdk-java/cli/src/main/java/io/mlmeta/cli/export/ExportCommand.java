package io.mlmeta.cli.export;

import picocli.CommandLine.Command;

/** {@code mlmeta export}: groups {@code audit} and {@code verify}. */
@Command(
    name = "export",
    description = "Export reproducible reports and verify them.",
    mixinStandardHelpOptions = true,
    subcommands = {AuditCommand.class, VerifyCommand.class})
public final class ExportCommand {}
