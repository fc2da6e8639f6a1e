package dev.oktagroups.port;

import java.time.Instant;
import java.util.Optional;

/**
 * The org-wide lease that keeps two writers (a CI apply and the watcher, on different hosts) from
 * interleaving their writes. It lives in Okta itself, so it holds across hosts and runners: Okta
 * lets exactly one create of a name succeed, and the object records its holder and expiry.
 */
public interface OrgLease {
  /**
   * The lease as Okta holds it: who, until when, and the object that records it. An empty {@code
   * id} is a lease whose object exists but that no search shows: released just now, or made so
   * recently that searches do not show it yet.
   */
  record Held(String id, String holder, Instant expires) {
    /** Whether the lease exists but could not be read: the next look tells whose it is. */
    public boolean unseen() {
      return id.isEmpty();
    }
  }

  /**
   * Takes the lease for {@code holder} until {@code expires} when no one holds it. A lease that
   * already names {@code holder} is its own (the answer to its create was lost) and is taken.
   *
   * @return empty when taken; otherwise the lease as someone else holds it
   * @throws OktaFailure when Okta cannot be reached or refuses the write
   */
  Optional<Held> tryTake(String holder, Instant expires);

  /**
   * Extends the lease this object took.
   *
   * @throws OktaFailure when it is gone: someone broke it after it expired
   */
  void renew(String holder, Instant expires);

  /** Removes exactly {@code stale}, a lease found expired; a lease taken since is untouched. */
  void breakStale(Held stale);

  /** Gives up the lease this object took, if it took one. */
  void release();
}
