package io.mlmeta.sdk.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructsTest {

  @Test
  void integralNumbersComeBackAsIntegersOrLongs() {
    Map<String, Object> hyperparameters =
        Map.of(
            "learning_rate",
            0.5,
            "layers",
            List.of(10, 3, 1),
            "early_stop",
            true,
            "seed",
            12_345_678_901L,
            "nested",
            Map.of("depth", 2, "name", "x"));

    Map<String, Object> back = Structs.toMap(Structs.toStruct(hyperparameters));

    assertThat(back).isEqualTo(hyperparameters);
    assertThat(back.get("seed")).isInstanceOf(Long.class);
    assertThat(((List<?>) back.get("layers")).get(0)).isInstanceOf(Integer.class);
  }

  @Test
  void numbersOutsideTheExactRangeStayDoubles() {
    assertThat(Structs.number(1e300)).isEqualTo(1e300);
    assertThat(Structs.number(-3.0)).isEqualTo(-3);
    assertThat(Structs.number(Double.NaN)).isEqualTo(Double.NaN);
  }

  @Test
  void nullsArraysAndTextValuesAreConverted() {
    Map<String, Object> source = new java.util.HashMap<>();
    source.put("none", null);
    source.put("array", new Object[] {"a", 1});
    source.put("when", Instant.parse("2024-01-02T03:04:05Z"));

    Map<String, Object> back = Structs.toMap(Structs.toStruct(source));

    assertThat(back).containsEntry("none", null);
    assertThat(back.get("array")).isEqualTo(Arrays.asList("a", 1));
    assertThat(back.get("when")).isEqualTo("2024-01-02T03:04:05Z");
  }

  @Test
  void unsupportedValuesAreRejected() {
    assertThatThrownBy(() -> Structs.toValue(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
