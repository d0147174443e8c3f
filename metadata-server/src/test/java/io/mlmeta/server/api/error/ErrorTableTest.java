package io.mlmeta.server.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlmeta.server.domain.error.NotFoundException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ErrorTableTest {

  @Test
  void aDeadlockTheDatabaseBrokeIsARetryableConflictWithoutItsSql() {
    SQLException deadlock =
        new SQLException("ERROR: deadlock detected on insert into attribution", "40P01");
    ErrorTable.ClientError error =
        ErrorTable.describe(new PersistenceException("could not execute statement", deadlock));
    assertThat(error.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(error.message()).doesNotContain("attribution").contains("retry");
  }

  @Test
  void serializationFailuresAndLockTimeoutsAreConflictsToo() {
    for (String state : new String[] {"40001", "55P03"}) {
      assertThat(ErrorTable.describe(new RuntimeException(new SQLException("x", state))).code())
          .isEqualTo(ErrorCode.CONFLICT);
    }
  }

  @Test
  void anUnreachableOrRestartingDatabaseIsUnavailableWithoutItsAddress() {
    for (SQLException outage :
        new SQLException[] {
          new SQLException("Connection to 127.0.0.1:5432 refused", "08001"),
          new SQLException("An I/O error occurred while sending to the backend", "08006"),
          new SQLException("terminating connection due to administrator command", "57P01"),
          new SQLException("the database system is starting up", "57P03"),
          new SQLException("Acquisition timeout while waiting for new connection")
        }) {
      ErrorTable.ClientError error =
          ErrorTable.describe(new PersistenceException("could not prepare statement", outage));
      assertThat(error.code()).as(outage.getMessage()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(error.message()).doesNotContain("127.0.0.1").contains("retry");
    }
    assertThat(ErrorCode.UNAVAILABLE.grpc()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
    assertThat(ErrorCode.UNAVAILABLE.httpStatus()).isEqualTo(503);
  }

  @Test
  void otherDatabaseErrorsStayInternalAndShowOnlyAnIncident() {
    ErrorTable.ClientError error =
        ErrorTable.describe(
            new RuntimeException(new SQLException("relation \"artifact\" is broken", "XX000")));
    assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(error.message()).doesNotContain("artifact").contains("incident");
  }

  @Test
  void domainErrorsKeepTheirCodeAndMessage() {
    ErrorTable.ClientError error =
        ErrorTable.describe(new RuntimeException(new NotFoundException("artifact 7 not found")));
    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.message()).isEqualTo("artifact 7 not found");
  }

  @Test
  void shortMessagesPassUnchanged() {
    String message = "x".repeat(ErrorTable.MAX_MESSAGE_LENGTH);

    assertThat(ErrorTable.bounded(message)).isSameAs(message);
  }

  @Test
  void longMessagesAreCutAndSayHowMuch() {
    String cut = ErrorTable.bounded("y".repeat(10_000));

    assertThat(cut).hasSizeLessThanOrEqualTo(ErrorTable.MAX_MESSAGE_LENGTH);
    assertThat(cut)
        .endsWith("… (" + (10_000 - (ErrorTable.MAX_MESSAGE_LENGTH - 40)) + " characters cut)");
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    String message = "a" + emoji.repeat(ErrorTable.MAX_MESSAGE_LENGTH);

    String cut = ErrorTable.bounded(message);
    String kept = cut.substring(0, cut.indexOf('…'));

    assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
    assertThat(kept.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
    assertThat(kept).isEqualTo(message.substring(0, kept.length()));
  }
}
