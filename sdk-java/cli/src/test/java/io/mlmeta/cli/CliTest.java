package io.mlmeta.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.cli.audit.AuditFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors, exit codes, verify and connection settings, without a server. */
class CliTest {

  @TempDir Path home;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> variables, String... args) {
    return MlmetaCli.run(
        new CliEnvironment(variables, home, new PrintWriter(out), new PrintWriter(err), false),
        args);
  }

  @Test
  void usageErrorsExitOne() {
    assertThat(run(Map.of(), "frobnicate")).isEqualTo(ExitCode.USAGE);
    assertThat(run(Map.of(), "export", "audit")).isEqualTo(ExitCode.USAGE);
    assertThat(err.toString()).contains("--model");
    assertThat(run(Map.of(), "export", "audit", "--model", "1", "--format", "pdf"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(run(Map.of(), "lineage", "1", "--up", "--down")).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    assertThat(run(Map.of(), "--help")).isEqualTo(ExitCode.OK);
    assertThat(out.toString())
        .contains("export", "lineage", "artifacts", "executions", "workspaces", "types", "graph")
        .contains("login", "logout", "whoami", "tokens", "grants")
        .contains("5 verification failed", "10 forbidden");
  }

  @Test
  void verifyAcceptsAReportAndRejectsAChangedOneOrAMissingFile() throws IOException {
    Path report = home.resolve("report.md");
    Files.writeString(
        report,
        AuditFormat.md.render(io.mlmeta.cli.audit.KnownGraphAccess.report()),
        StandardCharsets.UTF_8);
    assertThat(run(Map.of(), "export", "verify", report.toString())).isEqualTo(ExitCode.OK);
    assertThat(out.toString()).startsWith("OK ");

    byte[] bytes = Files.readAllBytes(report);
    bytes[10] ^= 1;
    Files.write(report, bytes);
    assertThat(run(Map.of(), "export", "verify", report.toString()))
        .isEqualTo(ExitCode.VERIFICATION_FAILED);
    assertThat(err.toString()).contains("FAILED");

    assertThat(run(Map.of(), "export", "verify", home.resolve("none.md").toString()))
        .isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void anUnreachableServerExitsFour() {
    assertThat(run(Map.of(), "workspaces", "list", "--server", "127.0.0.1:1", "--timeout", "2"))
        .isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(err.toString()).startsWith("mlmeta: unavailable");
  }

  @Test
  void flagsWinOverEnvironmentWhichWinsOverTheConfigFile() throws IOException {
    Path config = home.resolve(".mlmeta").resolve("cli.properties");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "server=file:1\ntoken=file-token\ntimeout=7\n");
    CliEnvironment env =
        new CliEnvironment(
            Map.of("MLMETA_SERVER", "env:2"),
            home,
            new PrintWriter(out),
            new PrintWriter(err),
            false);
    ConnectionSettings fromEnv =
        ConnectionSettings.resolve(new ConnectionSettings.Flags(null, null, null, null, null), env);
    assertThat(fromEnv.server()).isEqualTo("env:2");
    assertThat(fromEnv.token()).isEqualTo("file-token");
    assertThat(fromEnv.timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(fromEnv.tls()).isFalse();

    ConnectionSettings fromFlags =
        ConnectionSettings.resolve(
            new ConnectionSettings.Flags("flag:3", "flag-token", true, null, null), env);
    assertThat(fromFlags.server()).isEqualTo("flag:3");
    assertThat(fromFlags.token()).isEqualTo("flag-token");
    assertThat(fromFlags.tls()).isTrue();

    CliEnvironment nothing =
        new CliEnvironment(
            Map.of(), home.resolve("elsewhere"), new PrintWriter(out), new PrintWriter(err), false);
    assertThat(
            ConnectionSettings.resolve(
                    new ConnectionSettings.Flags(null, null, null, null, null), nothing)
                .server())
        .isEqualTo(ConnectionSettings.DEFAULT_SERVER);
  }

  @Test
  void aMissingExplicitConfigFileExitsTwo() {
    assertThat(run(Map.of("MLMETA_CONFIG", home.resolve("nope").toString()), "workspaces", "list"))
        .isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void progressIsSilentWhenNotInteractive() {
    StringWriter quiet = new StringWriter();
    new Progress(
            new CliEnvironment(Map.of(), home, new PrintWriter(out), new PrintWriter(quiet), false))
        .update("working " + Instant.EPOCH);
    assertThat(quiet.toString()).isEmpty();
  }
}
