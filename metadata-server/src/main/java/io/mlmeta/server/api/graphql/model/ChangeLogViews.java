package io.mlmeta.server.api.graphql.model;

import io.mlmeta.server.changelog.ChangeLogVerifier;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

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

  @Name("ChangeLogProblem")
  public record ProblemView(
      @Description("Position in the chain.") long position,
      @Description("Sequence number of the entry in the change log.") long sequence,
      @NonNull String problem) {}
}
