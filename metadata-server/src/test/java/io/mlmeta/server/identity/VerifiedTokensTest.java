package io.mlmeta.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  private static final Principal ALICE = new Principal("alice", Set.of(), Principal.Kind.USER);
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  private Instant now = NOW;
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void aVerifiedTokenIsRememberedUntilItExpires() {
    VerifiedTokens tokens = new VerifiedTokens(clock, Duration.ofMinutes(5), 10);
    tokens.remember("token-a", ALICE, NOW.plusSeconds(60));

    assertThat(tokens.principal("token-a")).isEqualTo(ALICE);
    assertThat(tokens.principal("token-b")).isNull();
    now = NOW.plusSeconds(60);
    assertThat(tokens.principal("token-a")).isNull();
    assertThat(tokens.size()).isZero();
  }

  @Test
  void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
    VerifiedTokens tokens = new VerifiedTokens(clock, Duration.ofMinutes(5), 10);
    tokens.remember("token-a", ALICE, NOW.plus(Duration.ofHours(12)));

    now = NOW.plus(Duration.ofMinutes(5)).minusSeconds(1);
    assertThat(tokens.principal("token-a")).isEqualTo(ALICE);
    now = NOW.plus(Duration.ofMinutes(5));
    assertThat(tokens.principal("token-a")).isNull();
  }

  @Test
  void theCacheStaysWithinItsBoundAndCanBeOff() {
    VerifiedTokens tokens = new VerifiedTokens(clock, Duration.ofMinutes(5), 3);
    for (int i = 0; i < 10; i++) {
      tokens.remember("token-" + i, ALICE, NOW.plusSeconds(60));
      assertThat(tokens.size()).isLessThanOrEqualTo(3);
    }
    tokens.remember("expired", ALICE, NOW.minusSeconds(1));
    assertThat(tokens.principal("expired")).isNull();

    VerifiedTokens off = new VerifiedTokens(clock, Duration.ofMinutes(5), 0);
    off.remember("token-a", ALICE, NOW.plusSeconds(60));
    assertThat(off.principal("token-a")).isNull();
  }
}
