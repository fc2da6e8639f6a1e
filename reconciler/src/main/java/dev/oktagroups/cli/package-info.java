/**
 * The {@code okta-groups} command line: picocli commands, exit codes, and the composition root that
 * wires adapters into the pure stages.
 *
 * <p>Output goes to injected writers, never straight to System.out, so tests drive {@link
 * dev.oktagroups.cli.Main} in-process. Only {@code Main.main} calls System.exit.
 *
 * <p>Commands parse options, call the {@code reconcile} pipeline, render and map exit codes. Only
 * the composition root, {@link dev.oktagroups.cli.Wiring}, knows the Okta adapter.
 *
 * <p>May import: every package of the reconciler, {@code sandbox} (the sandbox module's API), JGit
 * (the watcher's mirror), picocli, Jackson (the JSON answers of explain, access and expiring), the
 * JDK. Nothing in the main code imports this one; the benchmarks start their sandboxes through
 * {@link dev.oktagroups.cli.EmbeddedSandbox}, as the CLI does.
 */
package dev.oktagroups.cli;
