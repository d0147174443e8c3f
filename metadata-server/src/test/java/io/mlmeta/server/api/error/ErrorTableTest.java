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
}
