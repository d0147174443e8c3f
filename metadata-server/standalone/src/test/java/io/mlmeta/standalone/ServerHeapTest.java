package io.mlmeta.standalone;

import static io.mlmeta.standalone.ServerHeap.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerHeapTest {

  private static final long GIB = 1024 * MIB;
  private static final long MACHINE = 24 * GIB;

  @Test
  void aNewStoreGetsTheMinimum() {
    assertThat(ServerHeap.of(null, 0, MACHINE).option()).isEqualTo("-Xmx768m");
  }

  @Test
  void theHeapGrowsWithTheLineageGraph() {
    long million = ServerHeap.of(null, 1_000_000, MACHINE).bytes();
    long threeMillion = ServerHeap.of(null, 3_000_000, MACHINE).bytes();
    assertThat(million).isBetween(2 * GIB, 3 * GIB);
    assertThat(threeMillion).isGreaterThan(million * 2);
    assertThat(ServerHeap.of(null, 1_000_000, MACHINE).describe())
        .contains("1,000,000 lineage nodes");
  }

  @Test
  void neverMoreThanHalfTheMachine() {
    assertThat(ServerHeap.of(null, 100_000_000, 8 * GIB).bytes()).isEqualTo(4 * GIB);
    assertThat(ServerHeap.of(null, 100_000_000, GIB).bytes()).isEqualTo(ServerHeap.MINIMUM);
  }

  @Test
  void theOverrideWins() {
    assertThat(ServerHeap.of(ServerHeap.override("6g"), 0, MACHINE).option())
        .isEqualTo("-Xmx6144m");
    assertThat(ServerHeap.of(ServerHeap.override(" 1536M "), 10_000_000, MACHINE).option())
        .isEqualTo("-Xmx1536m");
  }

  @Test
  void aMalformedOverrideIsOneClearLine() {
    assertThatThrownBy(() -> ServerHeap.override("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MLMETA_SERVER_HEAP must be a size such as 1536m or 6g, got 'lots'");
  }
}
