package dev.oktagroups.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A stop on SIGTERM or SIGINT that leaves nothing half-done: the writes in flight finish, no new
 * one starts, and reads and waits for a rate-limit window are abandoned at once. The process then
 * exits with the code docs/exit-codes.md gives, within {@link #GRACE_MS} unless a write is still on
 * the wire.
 *
 * <p>The JVM runs shutdown hooks on those signals and then exits with 128 + the signal; so the hook
 * ends the process itself, with {@link Runtime#halt}, once the run has wound down.
 */
final class Shutdown implements AutoCloseable {
  /** How long a stop waits for the run to wind down when no write is in flight. */
  static final long GRACE_MS = 1500;

  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;
  private volatile int code;
  private volatile Runnable release = () -> {};

  private Shutdown(
      String name, int codeOnStop, Runnable abandon, IntSupplier writes, Consumer<String> log) {
    this.code = codeOnStop;
    this.hook =
        new Thread(
            () -> {
              requested.set(true);
              log.accept("stopping: the writes in flight finish, nothing new starts");
              abandon.run();
              awaitWindDown(writes);
              Runtime.getRuntime().halt(code);
            },
            name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Installs the stop for one run.
   *
   * @param codeOnStop the exit code when the signal stops the run
   * @param abandon abandons every call not yet sent and every wait
   * @param writes how many writes are on the wire now
   */
  static Shutdown install(
      String name, int codeOnStop, Runnable abandon, IntSupplier writes, Consumer<String> log) {
    return new Shutdown(name, codeOnStop, abandon, writes, log);
  }

  /** Whether a stop was asked for: the run starts no new write once it is true. */
  BooleanSupplier requested() {
    return requested::get;
  }

  /** What to give up (the apply lease) if the run does not wind down in time. */
  void onTimeout(Runnable release) {
    this.release = release;
  }

  /** Records the run's exit code, for a stop that comes as it ends; returns it. */
  int exit(int code) {
    if (requested.get()) {
      this.code = code;
    }
    return code;
  }

  private void awaitWindDown(IntSupplier writes) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MS);
    try {
      // A read on the wire is abandoned with the process; a write is waited for, however long.
      while (!finished.await(50, TimeUnit.MILLISECONDS)) {
        if (System.nanoTime() > deadline && writes.getAsInt() == 0) {
          Thread t = new Thread(release, "release-lease");
          t.setDaemon(true);
          t.start();
          t.join(300);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The run is over: a stop now exits at once; without one, the hook is removed. */
  @Override
  public void close() {
    finished.countDown();
    if (!requested.get()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already: the hook is running and exits with the recorded code
      }
    }
  }
}
