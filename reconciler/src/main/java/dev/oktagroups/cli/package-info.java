/**
 * The {@code okta-groups} command line: picocli commands, exit codes, and the composition root
 * that wires adapters into the pure stages.
 *
 * <p>Output goes to injected writers, never straight to System.out, so tests drive
 * {@link dev.oktagroups.cli.Main} in-process. Only {@code Main.main} calls System.exit.
 *
 * <p>May import: every package. Nothing in the main code imports this one; the benchmarks start
 * their sandboxes through {@link dev.oktagroups.cli.EmbeddedSandbox}, as the CLI does.
 */
package dev.oktagroups.cli;
