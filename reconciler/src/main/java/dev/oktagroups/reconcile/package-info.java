/**
 * The reconcile pipeline: the one place where the stages meet. Every command and the watcher call
 * it; they only parse options, render and map exit codes.
 *
 * <pre>
 *   prepare(snapshot)              load, validate, compile   -> Prepared | Invalid
 *   plan(prepared, reader, policy) read, plan, safety rails  -> Planned
 *   check(saved plan, reader, ...) re-read, compare           -> Fresh | Stale
 *   apply(planned, writer, stop)   execute exactly            -> ApplyReport
 *   importOrg(prepared, reader)    read the org, draft       -> Importer.Result
 * </pre>
 *
 * <p>Pure orchestration: it reaches Okta only through the {@code port} interfaces handed in, and
 * Git only through the snapshots handed in. Adding a stage (impact, an incremental read) touches
 * this package and nothing in {@code cli}.
 *
 * <p>May import: {@code source} (snapshots), {@code manifest}, {@code validate}, {@code compile},
 * {@code impact}, {@code importer}, {@code state}, {@code plan}, {@code apply}, {@code port},
 * {@code diag}, the JDK.
 */
package dev.oktagroups.reconcile;
