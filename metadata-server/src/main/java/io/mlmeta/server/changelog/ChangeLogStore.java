package io.mlmeta.server.changelog;

import io.mlmeta.server.domain.ChangeRecord;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The change log and its chain in PostgreSQL. Callers run inside a transaction. */
interface ChangeLogStore {

  /** The last sealed link: its position, hash, and where the next sealing round starts. */
  record Head(long position, byte[] hash, String sealedBelow) {}

  /** A link of the chain with the entry it seals, or null where that entry is gone. */
  record Link(long position, long sequence, byte[] hash, @Nullable ChangeEntry entry) {}

  /** Takes the sealing lock for this transaction; false if another sealer holds it. */
  boolean trySealLock();

  Optional<Head> head();

  /**
   * The oldest transaction still running, as PostgreSQL numbers transactions: every entry of an
   * older transaction is committed or never will be.
   */
  String oldestRunningTransaction();

  /**
   * Entries of transactions in {@code [from, below)}, in transaction then sequence order, at most
   * {@code limit} of them.
   */
  List<ChangeEntry> entriesOfTransactions(String from, String below, int limit);

  /** Appends chain links; each sealed below {@code sealedBelow}. */
  void appendLinks(List<Link> links, String sealedBelow);

  /** Up to {@code limit} chain links after {@code position}, with their entries. */
  List<Link> linksAfter(long position, int limit);

  /**
   * Entries that changed one row ({@code entity} and {@code entityKey}, its key as the log writes
   * it), or anything in a workspace when {@code entity} is null, newest first, before {@code
   * beforeSequence}.
   */
  List<ChangeRecord> history(
      @Nullable String entity,
      @Nullable String entityKey,
      @Nullable Long workspaceId,
      long beforeSequence,
      int limit);

  /** How many entries no chain link seals yet. */
  long unsealedCount();
}
