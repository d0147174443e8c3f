package io.mlmeta.server.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The transactional outbox of lineage changes and the mirror's checkpoint. */
public interface OutboxStore {

  /**
   * Appends changes in the caller's transaction and returns their position. Positions follow commit
   * order (appends are serialised until commit), so readers never skip a row.
   */
  long append(LineageChanges changes);

  /** Appends rows in list order, in one statement; returns the position of the last. */
  long appendAll(List<LineageChanges> changes);

  /** Entries after {@code position}, in order, at most {@code limit}. */
  List<Entry> readAfter(long position, int limit);

  /**
   * How far the mirror has applied the outbox and the highest position written (0 when empty), read
   * together in one statement; needs no transaction.
   */
  Positions positions();

  /** How far the mirror has applied the outbox, and how far the outbox goes. */
  record Positions(long mirror, long latest) {}

  /** Records that the mirror has applied everything up to {@code position}. */
  void advanceMirror(long position);

  /** Sets the mirror position after a rebuild, which may move it backwards. */
  void resetMirror(long position);

  /** When the oldest entry not yet mirrored was written, if any. */
  Optional<Instant> oldestUnmirrored();

  /** One outbox row. */
  record Entry(long position, LineageChanges changes, Instant createdAt) {}
}
