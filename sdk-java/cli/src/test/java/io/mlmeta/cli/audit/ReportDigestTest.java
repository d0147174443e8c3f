package io.mlmeta.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Sealing and checking the embedded digest. */
class ReportDigestTest {

  @Test
  void sealedTextVerifiesAndRecordsTheDigestOfTheZeroedText() {
    String zeroed = "hello\n# " + ReportDigest.PLACEHOLDER + "\n";
    String sealed = ReportDigest.seal(zeroed);
    ReportDigest.Check check = ReportDigest.verify(sealed.getBytes(StandardCharsets.UTF_8));
    assertThat(check.valid()).isTrue();
    assertThat(check.recorded())
        .isEqualTo(ReportDigest.sha256(zeroed.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aFileWithoutDigestFails() {
    ReportDigest.Check check = ReportDigest.verify("plain".getBytes(StandardCharsets.UTF_8));
    assertThat(check.valid()).isFalse();
    assertThat(check.problem()).contains("no mlmeta-report-sha256");
  }

  @Test
  void sealingNeedsAPlaceholder() {
    assertThatThrownBy(() -> ReportDigest.seal("no placeholder"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTruncatedDigestFails() {
    String sealed = ReportDigest.seal("x " + ReportDigest.PLACEHOLDER);
    byte[] cut = sealed.substring(0, sealed.length() - 1).getBytes(StandardCharsets.UTF_8);
    assertThat(ReportDigest.verify(cut).valid()).isFalse();
  }
}
