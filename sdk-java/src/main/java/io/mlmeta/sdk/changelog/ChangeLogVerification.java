package io.mlmeta.sdk.changelog;

import java.util.List;

/**
 * The change log's hash chain, recomputed by the server from PostgreSQL.
 *
 * @param intact whether no entry was changed, removed or moved
 * @param verifiedEntries chained entries checked
 * @param unsealedEntries entries not chained yet (the chain follows writes within seconds)
 * @param problemCount problems found
 * @param problems the first problems found (at most 100)
 */
public record ChangeLogVerification(
    boolean intact,
    long verifiedEntries,
    long unsealedEntries,
    long problemCount,
    List<Problem> problems) {

  public ChangeLogVerification {
    problems = List.copyOf(problems);
  }

  /**
   * What is wrong at one link of the chain.
   *
   * @param position the link's position in the chain
   * @param sequence the entry's sequence number in the change log
   * @param problem what is wrong, for example "entry 42 differs from what was chained"
   */
  public record Problem(long position, long sequence, String problem) {}
}
