package io.mlmeta.server.changelog;

import io.mlmeta.server.changelog.ChangeLogStore.Head;
import io.mlmeta.server.changelog.ChangeLogStore.Link;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Chains committed change-log entries, on a daemon thread of every replica (one seals at a time,
 * under an advisory lock). A round takes the entries of transactions that ended since the last
 * round, in transaction then sequence order, so writers never wait for the chain and an entry is
 * chained only once its transaction can no longer roll back.
 */
@ApplicationScoped
public class ChangeLogSealer {

  private static final Logger LOG = Logger.getLogger(ChangeLogSealer.class);

  /** Entries chained per round (one transaction); a bigger writing transaction is taken whole. */
  static final int ENTRIES_PER_ROUND = 10_000;

  /** How long entries may wait for the chain when the log is quiet. */
  static final Duration PAUSE = Duration.ofSeconds(1);

  private final ChangeLogStore store;
  private volatile boolean running;
  private @Nullable Thread thread;

  ChangeLogSealer(ChangeLogStore store) {
    this.store = store;
  }

  void start(@Observes StartupEvent event) {
    running = true;
    Thread sealer = new Thread(this::loop, "mlmeta-change-log-sealer");
    sealer.setDaemon(true);
    thread = sealer;
    sealer.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    Thread sealer = thread;
    if (sealer != null) {
      sealer.interrupt();
      try {
        sealer.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One round in a transaction of its own; returns how many entries it chained. */
  public int sealOnce() {
    return QuarkusTransaction.requiringNew().call(this::seal);
  }

  private int seal() {
    if (!store.trySealLock()) {
      return 0;
    }
    Optional<Head> head = store.head();
    long position = head.map(Head::position).orElse(0L);
    byte[] hash = head.map(Head::hash).orElse(ChainHash.GENESIS);
    String from = head.map(Head::sealedBelow).orElse("0");
    String below = store.oldestRunningTransaction();
    List<ChangeEntry> entries = store.entriesOfTransactions(from, below, ENTRIES_PER_ROUND + 1);
    if (entries.size() > ENTRIES_PER_ROUND) {
      // The round ends before the transaction the limit cut through, which the next round takes.
      String cut = entries.get(ENTRIES_PER_ROUND).transactionId();
      List<ChangeEntry> whole =
          entries.stream().filter(e -> !e.transactionId().equals(cut)).toList();
      if (whole.isEmpty()) {
        below = Long.toString(Long.parseLong(cut) + 1);
        entries = store.entriesOfTransactions(cut, below, Integer.MAX_VALUE);
      } else {
        below = cut;
        entries = whole;
      }
    }
    List<Link> links = new ArrayList<>(entries.size());
    for (ChangeEntry entry : entries) {
      position++;
      hash = ChainHash.next(hash, position, entry);
      links.add(new Link(position, entry.sequence(), hash, entry));
    }
    store.appendLinks(links, below);
    return links.size();
  }

  private void loop() {
    while (running) {
      Duration pause = PAUSE;
      try {
        if (sealOnce() >= ENTRIES_PER_ROUND) {
          pause = Duration.ZERO;
        }
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warnf("Sealing the change log failed, retrying in %s: %s", PAUSE, e.getMessage());
      }
      if (!pause.isZero()) {
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
