package io.mlmeta.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlmeta.sdk.error.InvalidArgumentException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void backoffGrowsExponentiallyUpToTheCap() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.backoff(20)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void boundsAreChecked() {
    assertThatThrownBy(() -> RetryPolicy.withRetries(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidArgumentNamesItsField() {
    assertThat(new InvalidArgumentException("inputs[0].uri: is required", null).field())
        .isEqualTo("inputs[0].uri");
    assertThat(new InvalidArgumentException("something is wrong: here", null).field()).isEmpty();
  }
}
