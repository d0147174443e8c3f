package io.mlmeta.server.service.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlmeta.server.domain.ArtifactFilter;
import io.mlmeta.server.domain.error.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageTokensTest {

  private static ArtifactFilter byName(String name, Map<String, String> labels) {
    return new ArtifactFilter(
        null, name, null, null, null, labels, null, null, null, null, null, List.of());
  }

  @Test
  void roundTripsTheLastId() {
    ArtifactFilter filter = byName("a", Map.of("x", "1", "y", "2"));
    assertThat(PageTokens.decode(PageTokens.encode(42, filter), filter)).isEqualTo(42);
    assertThat(PageTokens.decode(null, filter)).isZero();
  }

  @Test
  void fingerprintIgnoresMapOrder() {
    String token = PageTokens.encode(7, byName("a", Map.of("x", "1", "y", "2")));
    assertThat(PageTokens.decode(token, byName("a", Map.of("y", "2", "x", "1")))).isEqualTo(7);
  }

  @Test
  void refusesForeignOrMismatchedTokens() {
    String token = PageTokens.encode(7, byName("a", Map.of()));
    assertThatThrownBy(() -> PageTokens.decode(token, byName("b", Map.of())))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("page_token");
    assertThatThrownBy(() -> PageTokens.decode("%%%", byName("a", Map.of())))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> PageTokens.decode("djE6YWJjOmZm", byName("a", Map.of())))
        .isInstanceOf(InvalidArgumentException.class);
  }
}
