package io.mlmeta.server.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Follows the outbox for one consumer on a daemon thread of its own: the consumer's turn reads rows
 * with {@link #readAfter} and applies them, and says how long to pause before the next turn. The
 * tailer owns what every consumer needs alike: the thread, its start and stop, reading rows in a
 * transaction of their own, and the pause after a failed turn.
 */
public final class OutboxTailer {

  private static final Logger LOG = Logger.getLogger(OutboxTailer.class);

  /** Rows read per turn; a row holds at most about a thousand changes. */
  public static final int ROWS_PER_READ = 200;

  /** One consumer's work. */
  public interface Consumer {

    /** One turn: read and apply what is new. Returns the pause before the next turn. */
    Duration turn();

    /** The turn threw {@code failure}; returns the pause before trying again. */
    Duration failed(RuntimeException failure);
  }

  private final String name;
  private final OutboxStore store;
  private volatile boolean running;
  private @Nullable Thread thread;

  public OutboxTailer(String name, OutboxStore store) {
    this.name = name;
    this.store = store;
  }

  /** Starts calling {@code consumer}'s turns on a thread named after this tailer. */
  public synchronized void start(Consumer consumer) {
    if (running) {
      throw new IllegalStateException(name + " is already running");
    }
    running = true;
    thread = new Thread(() -> loop(consumer), name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops after the current turn, waiting at most {@code wait} for it to end. */
  public synchronized void stop(Duration wait) {
    running = false;
    if (thread == null) {
      return;
    }
    thread.interrupt();
    try {
      thread.join(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
  }

  /** Ends the loop after the current turn; for a consumer that gives up from within its turn. */
  public void finish() {
    running = false;
  }

  public boolean running() {
    return running;
  }

  /**
   * Up to {@link #ROWS_PER_READ} rows after {@code position}, read in a transaction of their own.
   */
  public OutboxBatch readAfter(long position) {
    return QuarkusTransaction.requiringNew()
        .call(() -> new OutboxBatch(store.readAfter(position, ROWS_PER_READ)));
  }

  /** The positions of the outbox and of the Neo4j mirror's checkpoint. */
  public OutboxStore.Positions positions() {
    return store.positions();
  }

  /** Runs {@code work} in a transaction of its own, for a consumer's checkpoint writes. */
  public <T> T inTransaction(Supplier<T> work) {
    return QuarkusTransaction.requiringNew().call(work::get);
  }

  private void loop(Consumer consumer) {
    while (running) {
      Duration pause;
      try {
        pause = consumer.turn();
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        pause = consumer.failed(e);
      }
      if (!pause.isZero()) {
        pauseFor(pause);
      }
    }
    LOG.debugf("%s stopped", name);
  }

  /** Sleeps on the calling thread; an interrupt ends the sleep early and is kept. */
  public static void pauseFor(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
