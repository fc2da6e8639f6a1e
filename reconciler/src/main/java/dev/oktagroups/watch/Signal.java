package dev.oktagroups.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How other threads reach the watcher's loop: a poke (a webhook arrived), groups to repair (the
 * System Log saw removals), and the stop request; and the loop's wait between rounds, which any of
 * them cuts short. The loop's own state never passes through here.
 */
final class Signal {
  private final Clock clock;
  private final Lock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean poked; // guarded by lock
  private final Set<String> repairs = new TreeSet<>(); // guarded by lock
  private volatile boolean stopping;

  Signal(Clock clock) {
    this.clock = clock;
  }

  /** Ends the current wait, or the next one, at once. */
  void poke() {
    lock.lock();
    try {
      poked = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Adds {@code groups} to those the loop repairs next, and ends its wait. */
  void repair(Set<String> groups) {
    lock.lock();
    try {
      repairs.addAll(groups);
      poked = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The groups asked for since the last call, each once. */
  Set<String> takeRepairs() {
    lock.lock();
    try {
      Set<String> out = Set.copyOf(repairs);
      repairs.clear();
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Asks the loop to stop, and ends its wait. */
  void stop() {
    stopping = true;
    lock.lock();
    try {
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a stop was asked for, or the loop's thread was interrupted while waiting. */
  boolean stopping() {
    return stopping;
  }

  /** Waits until {@code until}, a poke or a stop, whichever comes first. */
  void await(Instant until) {
    lock.lock();
    try {
      while (!poked && !stopping) {
        long ms = Duration.between(clock.instant(), until).toMillis();
        if (ms <= 0) {
          break;
        }
        try {
          wake.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
      poked = false;
    } finally {
      lock.unlock();
    }
  }
}
