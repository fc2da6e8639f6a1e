package dev.oktagroups.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which Okta org to talk to, and the safety overrides; shared by plan, apply and reconcile. */
final class OktaOptions {
  @Option(
      names = "--okta-url",
      paramLabel = "URL",
      description =
          "The Okta org, e.g. https://example.okta.com (default: $OKTA_ORG_URL, then org.url in okta-groups.yaml).")
  String oktaUrl;

  @Option(
      names = "--sandbox",
      description =
          "Use an embedded sandbox org seeded from the repository instead of a real one; no credentials needed.")
  boolean sandbox;

  @Option(
      names = "--adopt",
      paramLabel = "NAME",
      description =
          "Take over the existing, unowned Okta group NAME (repeatable); like 'adopt: true' in its manifest.")
  List<String> adopt = new ArrayList<>();

  @Option(
      names = "--max-deletions",
      paramLabel = "N",
      converter = Numbers.Count.class,
      description =
          "Allow up to N deletions in this run, overriding safety.maxDeletions and the fraction cap.")
  Integer maxDeletions;

  @Option(
      names = "--max-removals",
      paramLabel = "N",
      converter = Numbers.Count.class,
      description =
          "Allow up to N member removals in this run, overriding safety.maxRemovals and the fraction cap.")
  Integer maxRemovals;

  @Option(
      names = "--max-losses",
      paramLabel = "N",
      description =
          "Allow up to N people to lose membership, per group and in total, in this run, overriding safety.losses and its fractions.")
  Integer maxLosses;

  @Option(
      names = "--threads",
      paramLabel = "N",
      converter = Numbers.Threads.class,
      description = "Parallel requests, 1 to 75 (default 8; Okta allows 75 in flight).")
  int threads = 8;
}
