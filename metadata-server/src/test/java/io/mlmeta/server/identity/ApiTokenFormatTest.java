package io.mlmeta.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.server.identity.ApiTokenFormat.Issued;
import io.mlmeta.server.identity.ApiTokenFormat.Presented;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokenFormatTest {

  private final ApiTokenFormat format = new ApiTokenFormat(new SecureRandom());

  @Test
  void anIssuedTokenParsesBackAndMatchesOnlyItsOwnHash() {
    Issued issued = format.issue();
    Issued other = format.issue();

    Presented presented = ApiTokenFormat.parse(issued.plaintext()).orElseThrow();

    assertThat(issued.plaintext()).startsWith("mlm_" + issued.id() + "_");
    assertThat(presented.id()).isEqualTo(issued.id());
    assertThat(presented.matches(issued.salt(), issued.hash())).isTrue();
    assertThat(presented.matches(other.salt(), other.hash())).isFalse();
    assertThat(presented.matches(issued.salt(), other.hash())).isFalse();
  }

  @Test
  void theStoredHashDoesNotContainTheSecret() {
    Issued issued = format.issue();
    String secret = ApiTokenFormat.parse(issued.plaintext()).orElseThrow().secret();

    assertThat(issued.hash()).hasSize(32).isNotEqualTo(secret.getBytes(StandardCharsets.US_ASCII));
    assertThat(issued.salt()).hasSize(16);
  }

  @Test
  void aChangedCharacterNoLongerMatches() {
    Issued issued = format.issue();
    String plaintext = issued.plaintext();
    char last = plaintext.charAt(plaintext.length() - 1);
    String tampered = plaintext.substring(0, plaintext.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(ApiTokenFormat.parse(tampered).orElseThrow().matches(issued.salt(), issued.hash()))
        .isFalse();
  }

  @Test
  void idsAndSecretsAreNotRepeated() {
    Set<String> ids = new HashSet<>();
    Set<String> plaintexts = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Issued issued = format.issue();
      ids.add(issued.id());
      plaintexts.add(issued.plaintext());
    }
    assertThat(ids).hasSize(1000);
    assertThat(plaintexts).hasSize(1000);
  }

  @Test
  void valuesWithoutATokensShapeAreNotTokens() {
    assertThat(ApiTokenFormat.parse("eyJhbGciOiJSUzI1NiJ9.e30.sig")).isEmpty();
    assertThat(ApiTokenFormat.parse("mlm_0123456789abcdef_short")).isEmpty();
    assertThat(ApiTokenFormat.parse("mlm_0123456789ABCDEF_" + "a".repeat(43))).isEmpty();
    assertThat(ApiTokenFormat.parse(" mlm_0123456789abcdef_" + "a".repeat(43))).isEmpty();
    assertThat(ApiTokenFormat.parse("mlm_0123456789abcdef_" + "a".repeat(43))).isPresent();
  }
}
