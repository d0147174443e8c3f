package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.changelog.ChangeLogVerifier;
import io.mlmeta.server.domain.ChangeRecord;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

/** GraphQL views of the change log. */
public final class ChangeLogViews {

  private ChangeLogViews() {}

  @Name("ChangeLogVerification")
  @Description("The change log's chain recomputed from PostgreSQL.")
  public record VerificationView(
      @Description("No entry was changed, removed or moved.") boolean intact,
      @Description("Chained entries checked.") long verifiedEntries,
      @Description("Entries not chained yet (the chain follows writes within seconds).")
          long unsealedEntries,
      @Description("Problems found; at most 100 are listed.") long problemCount,
      @NonNull List<@NonNull ProblemView> problems) {

    public static VerificationView from(ChangeLogVerifier.Verification verification) {
      return new VerificationView(
          verification.intact(),
          verification.verifiedEntries(),
          verification.unsealedEntries(),
          verification.problemCount(),
          verification.problems().stream()
              .map(p -> new ProblemView(p.position(), p.sequence(), p.problem()))
              .toList());
    }
  }

  @Name("Change")
  @Description(
      "One entry of the change log: the rows of one table that one statement created, updated or"
          + " deleted in one workspace, by whom, in which request, with SHA-256 digests of those"
          + " rows before and after.")
  public record ChangeRecordView(
      @Description("The entry's sequence number: the order entries were written in.") long sequence,
      @NonNull Instant recordedAt,
      @Description("Who made the change: user:<subject>, token:<id>, system:<component> ...")
          @Nullable String principal,
      @Description("The x-request-id of the request that made it.") @Nullable String requestId,
      @Description("create, update or delete.") @NonNull String operation,
      @Description("The changed rows' table: artifact, execution, event, workspace_grant ...")
          @NonNull
          String entity,
      @Description("The changed rows' keys: ids, or key columns joined by '/'.") @NonNull
          List<@NonNull String> entityKeys,
      @Id @Nullable String workspaceId,
      @Description("SHA-256 (hex) of the rows before an update or delete.")
          @Nullable String oldDigest,
      @Description("SHA-256 (hex) of the rows after a create or update.")
          @Nullable String newDigest,
      @Description("Position in the hash chain; null until the entry is chained (seconds).")
          @Nullable Long chainPosition) {

    public static ChangeRecordView from(ChangeRecord r) {
      return new ChangeRecordView(
          r.sequence(),
          r.recordedAt(),
          r.principal(),
          r.requestId(),
          r.operation(),
          r.entity(),
          r.entityKeys(),
          r.workspaceId() == null ? null : r.workspaceId().toString(),
          r.oldDigest(),
          r.newDigest(),
          r.chainPosition());
    }
  }

  @Name("ChangeLogProblem")
  public record ProblemView(
      @Description("Position in the chain.") long position,
      @Description("Sequence number of the entry in the change log.") long sequence,
      @NonNull String problem) {}
}
