/**
 * The watcher: follows a branch, reconciles every new commit and corrects drift at an interval,
 * with its durable state, its lock, and its HTTP endpoints (GitLab webhook, health, metrics).
 *
 * <p>The loop ({@link dev.oktagroups.watch.Watcher}) keeps one immutable {@code WatchState}, asks
 * the pure {@code Schedule} what to do next, and reports through {@code Report}. It is written
 * against two small interfaces, a commit source and a reconcile engine, which the CLI implements
 * with JGit and the Okta adapter; so the schedule and the transitions are tested with plain values,
 * and the loop with fakes and end to end.
 *
 * <p>May import: {@code source} (snapshots), Jackson (the state file), the JDK. Not the Okta SDK.
 */
package dev.oktagroups.watch;
