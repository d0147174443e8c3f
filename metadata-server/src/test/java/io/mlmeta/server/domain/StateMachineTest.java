package io.mlmeta.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class StateMachineTest {

  @Test
  void executionsRunThenEndOnce() {
    assertThat(ExecutionState.NEW.canTransitionTo(ExecutionState.RUNNING)).isTrue();
    assertThat(ExecutionState.RUNNING.canTransitionTo(ExecutionState.FAILED)).isTrue();
    assertThat(ExecutionState.RUNNING.canTransitionTo(ExecutionState.NEW)).isFalse();
    assertThat(ExecutionState.RUNNING.canTransitionTo(ExecutionState.CACHED)).isFalse();
    for (ExecutionState terminal :
        EnumSet.of(
            ExecutionState.COMPLETE,
            ExecutionState.FAILED,
            ExecutionState.CACHED,
            ExecutionState.CANCELED)) {
      assertThat(terminal.isTerminal()).isTrue();
      for (ExecutionState next : ExecutionState.values()) {
        assertThat(terminal.canTransitionTo(next)).isEqualTo(next == terminal);
      }
    }
  }

  @Test
  void deletedArtifactsStayDeleted() {
    assertThat(ArtifactState.LIVE.canTransitionTo(ArtifactState.MARKED_FOR_DELETION)).isTrue();
    assertThat(ArtifactState.MARKED_FOR_DELETION.canTransitionTo(ArtifactState.LIVE)).isTrue();
    assertThat(ArtifactState.PENDING.canTransitionTo(ArtifactState.DELETED)).isFalse();
    for (ArtifactState next : ArtifactState.values()) {
      assertThat(ArtifactState.DELETED.canTransitionTo(next))
          .isEqualTo(next == ArtifactState.DELETED);
    }
  }
}
