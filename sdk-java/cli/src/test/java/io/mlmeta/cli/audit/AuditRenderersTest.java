package io.mlmeta.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The audit renderers against the hand-built {@link KnownGraph}: golden files, determinism, the
 * embedded digest and format-specific validity. Regenerate the golden files after an intended
 * change with {@code -Dmlmeta.golden.update=true}.
 */
class AuditRenderersTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @ParameterizedTest
  @EnumSource(AuditFormat.class)
  void matchesTheGoldenFile(AuditFormat format) throws IOException {
    String rendered = format.render(KnownGraph.report());
    Path golden = GOLDEN.resolve("audit-report." + format.name());
    if (Boolean.getBoolean("mlmeta.golden.update")) {
      Files.writeString(golden, rendered, StandardCharsets.UTF_8);
    }
    assertThat(rendered).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(AuditFormat.class)
  void theSameGraphGivesTheSameBytesWhateverTheInputOrder(AuditFormat format) {
    String first = format.render(KnownGraph.report());
    assertThat(format.render(KnownGraph.report())).isEqualTo(first);
    assertThat(format.render(KnownGraph.report(true))).isEqualTo(first);
  }

  @ParameterizedTest
  @EnumSource(AuditFormat.class)
  void verifyPassesUnchangedAndFailsOnAnyOneByteChange(AuditFormat format) {
    byte[] report = format.render(KnownGraph.report()).getBytes(StandardCharsets.UTF_8);
    assertThat(ReportDigest.verify(report).valid()).isTrue();
    int step = Math.max(1, report.length / 97);
    for (int i = 0; i < report.length; i += step) {
      assertChangeDetected(report, i);
    }
    assertChangeDetected(report, report.length - 1);
    int digest =
        new String(report, StandardCharsets.UTF_8).lastIndexOf(ReportDigest.MARKER)
            + ReportDigest.MARKER.length();
    assertChangeDetected(report, digest);
    assertChangeDetected(report, digest + 63);
    assertChangeDetected(report, digest - 1);
  }

  private static void assertChangeDetected(byte[] report, int index) {
    byte[] changed = report.clone();
    changed[index] = (byte) (changed[index] == '1' ? '2' : changed[index] ^ 0x01);
    assertThat(ReportDigest.verify(changed).valid()).as("byte %d changed", index).isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = AuditFormat.class,
      names = {"json", "prov"})
  void jsonFormatsParse(AuditFormat format) throws IOException {
    JsonNode root = new ObjectMapper().readTree(format.render(KnownGraph.report()));
    assertThat(root.isObject()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void provHasEntitiesActivitiesAgentsAndRelations() throws IOException {
    JsonNode prov = new ObjectMapper().readTree(AuditFormat.prov.render(KnownGraph.report()));
    assertThat(prov.get("entity").has("mlmeta:artifact/5")).isTrue();
    assertThat(prov.get("activity").get("mlmeta:execution/4").get("prov:startTime").asText())
        .isEqualTo("2025-01-15T10:00:00Z");
    assertThat(prov.get("agent").has("mlmeta:agent/alice%40example.com")).isTrue();
    assertThat(prov.get("used")).hasSize(4);
    assertThat(prov.get("wasGeneratedBy")).hasSize(5);
    assertThat(prov.get("activity").get("mlmeta:execution/12").get("mlmeta:redacted").asBoolean())
        .isTrue();
    assertThat(prov.get("wasAssociatedWith")).hasSize(2);
    assertThat(prov.get("wasAttributedTo")).hasSize(4);
  }

  @org.junit.jupiter.api.Test
  void htmlIsSelfContainedWithAnInlineDiagram() {
    String html = AuditFormat.html.render(KnownGraph.report());
    assertThat(html).contains("<svg").contains("<rect").contains("<line");
    assertThat(html).doesNotContain("<script").doesNotContain(" src=").doesNotContain("href=");
    assertThat(html).contains("evaluate &lt;holdout&gt;");
  }

  @org.junit.jupiter.api.Test
  void markdownHasAMermaidDiagramAndEscapedCells() {
    String md = AuditFormat.md.render(KnownGraph.report());
    assertThat(md).contains("```mermaid\nflowchart LR\n").contains("  a1 --> e2\n");
    assertThat(md).contains("carol \\| qa");
  }

  @org.junit.jupiter.api.Test
  void timelineSaysWhoWroteWhatAndWhenInTimeOrder() {
    var timeline = KnownGraph.report().timeline();
    assertThat(timeline.get(0).subject()).isEqualTo("artifact:1");
    assertThat(timeline)
        .anySatisfy(
            t -> {
              assertThat(t.subject()).isEqualTo("artifact:5");
              assertThat(t.event()).isEqualTo("created as output of execution:4");
              assertThat(t.by()).isEqualTo("bob");
            });
    assertThat(timeline).isSortedAccordingTo(java.util.Comparator.comparing(t -> t.time()));
  }
}
