package dev.oktagroups.cli;

import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.reconcile.Pipeline;
import dev.oktagroups.reconcile.Preparation;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.watch.Watcher;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Polls the System Log for members Okta removed from groups whose manifests name members, and asks
 * the watcher to repair those groups at once. Okta turns a hybrid group's exception into a rule
 * member when their profile starts to match the rule, and removes them when it stops matching; the
 * manifest still names them, so each second until the re-add is time without access. Without this
 * the drift check would restore them, up to a drift interval later.
 *
 * <p>Only groups with named members are repaired: a removal from a purely rule-managed group is the
 * rule doing its job, and HR changes make many of those a day.
 */
final class RemovalWatch implements AutoCloseable {
  /**
   * What the watch polls: {@code poll} returns the groups removed from since its last call, and
   * {@code spacing} the shortest gap between polls that the rate-limit share allows, which wins
   * over a shorter {@code --removal-poll}.
   */
  record Poller(Function<Consumer<String>, Set<String>> poll, Supplier<Duration> spacing) {}

  private final Poller removals;
  private final Function<String, Optional<Preparation.Prepared>> prepared;
  private final Watcher watcher;
  private final Watcher.Source source;
  private final Duration every;
  private final Consumer<String> log;
  private final Thread thread;
  private volatile boolean stopping;
  private String lastError = "";
  private Optional<String> namedAt = Optional.empty();
  private Set<String> named = Set.of();

  RemovalWatch(
      Poller removals,
      Watcher watcher,
      Watcher.Source source,
      Duration every,
      Consumer<String> log) {
    this(removals, watcher, source, commit -> Optional.empty(), every, log);
  }

  /**
   * As above; {@code prepared} gives a commit as the watcher's reconcile already prepared it, so
   * that the commit it just applied is not validated and compiled a second time here.
   */
  RemovalWatch(
      Poller removals,
      Watcher watcher,
      Watcher.Source source,
      Function<String, Optional<Preparation.Prepared>> prepared,
      Duration every,
      Consumer<String> log) {
    this.removals = removals;
    this.prepared = prepared;
    this.watcher = watcher;
    this.source = source;
    this.every = every;
    this.log = log;
    this.thread = new Thread(this::loop, "okta-groups-removals");
    thread.setDaemon(true);
  }

  RemovalWatch start() {
    thread.start();
    return this;
  }

  private void loop() {
    while (!stopping) {
      try {
        Set<String> removed = removals.poll().apply(log);
        Set<String> repair = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        repair.addAll(removed);
        repair.retainAll(namedMembers());
        if (!repair.isEmpty()) {
          watcher.repair(Set.copyOf(repair));
        }
        lastError = "";
      } catch (OktaFailure | IllegalStateException e) {
        String m = e instanceof OktaFailure f ? f.detail() : String.valueOf(e.getMessage());
        if (!m.equals(lastError)) {
          log.accept("cannot poll the System Log for removed members: " + m + "; trying again");
          lastError = m;
        }
      }
      try {
        Duration spaced = removals.spacing().get();
        Thread.sleep((spaced.compareTo(every) > 0 ? spaced : every).toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The groups whose manifests at the applied commit name members, cached by commit. */
  private Set<String> namedMembers() {
    Optional<String> applied = watcher.status().lastApplied();
    if (applied.isEmpty()) {
      return Set.of();
    }
    if (!applied.equals(namedAt)) {
      Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      Optional<Preparation.Prepared> known = prepared.apply(applied.get());
      Preparation p =
          known.isPresent()
              ? known.get()
              : Pipeline.prepare(source.read(applied.get()), LocalDate.now());
      if (p instanceof Preparation.Prepared ok) {
        for (DesiredState.Group g : ok.desired().groups().values()) {
          if (!g.members().isEmpty()) {
            out.add(g.name());
          }
        }
      }
      named = out;
      namedAt = applied;
    }
    return named;
  }

  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
  }
}
