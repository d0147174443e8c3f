package io.mlmeta.server.changelog;

import io.mlmeta.server.changelog.ChangeLogStore.Link;
import io.mlmeta.server.identity.Principal;
import io.mlmeta.server.service.Access;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recomputes the chain from PostgreSQL. Each link is checked against the stored hash of the one
 * before it, so a changed entry is reported alone rather than with everything after it.
 */
@ApplicationScoped
public class ChangeLogVerifier {

  /** Links read per transaction. */
  static final int LINKS_PER_READ = 10_000;

  /** Problems reported in one verification; the count goes on. */
  static final int MAX_PROBLEMS_LISTED = 100;

  /** What was wrong at one position of the chain. */
  public record Problem(long position, long sequence, String problem) {}

  /**
   * The outcome: how many entries were checked, how many are not chained yet, and each problem (at
   * most {@link #MAX_PROBLEMS_LISTED} listed, all counted).
   */
  public record Verification(
      long verifiedEntries, long unsealedEntries, long problemCount, List<Problem> problems) {
    public boolean intact() {
      return problemCount == 0;
    }
  }

  private final ChangeLogStore store;
  private final Access access;

  ChangeLogVerifier(ChangeLogStore store, Access access) {
    this.store = store;
    this.access = access;
  }

  public Verification verify(Principal caller) {
    access.requireAdmin(caller, "verifying the change log");
    List<Problem> problems = new ArrayList<>();
    long problemCount = 0;
    long verified = 0;
    long position = 0;
    byte[] previous = ChainHash.GENESIS;
    while (true) {
      long after = position;
      List<Link> links =
          QuarkusTransaction.requiringNew().call(() -> store.linksAfter(after, LINKS_PER_READ));
      if (links.isEmpty()) {
        break;
      }
      for (Link link : links) {
        ChangeEntry entry = link.entry();
        String problem = null;
        if (link.position() != position + 1) {
          problem =
              "positions "
                  + (position + 1)
                  + " to "
                  + (link.position() - 1)
                  + " are missing from the chain";
        } else if (entry == null) {
          problem = "entry " + link.sequence() + " was removed from the change log";
        } else if (entry.sequence() != link.sequence()
            || !Arrays.equals(ChainHash.next(previous, link.position(), entry), link.hash())) {
          problem = "entry " + link.sequence() + " differs from what was chained";
        }
        if (problem != null) {
          problemCount++;
          if (problems.size() < MAX_PROBLEMS_LISTED) {
            problems.add(new Problem(link.position(), link.sequence(), problem));
          }
        }
        verified++;
        position = link.position();
        previous = link.hash();
      }
    }
    long unsealed = QuarkusTransaction.requiringNew().call(store::unsealedCount);
    return new Verification(verified, unsealed, problemCount, List.copyOf(problems));
  }
}
