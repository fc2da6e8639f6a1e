package dev.oktagroups.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long a writing command waits for another writer's apply lease; apply, reconcile, watch. */
final class LeaseOptions {
  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "How long to wait while another okta-groups run holds the org's apply lease (default 5m);"
              + " then exit 7, naming the holder.")
  Duration lockTimeout = Duration.ofMinutes(5);
}
