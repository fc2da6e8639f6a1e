package dev.oktagroups.cli;

import dev.oktagroups.source.DirectorySource;
import dev.oktagroups.source.RepoSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where manifests come from; shared by every command that reads them. */
final class RepoOptions {
  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description = "The repository holding okta-groups.yaml and groups/ (default: the current directory).")
  String repo = ".";

  /** Reads the manifests, or fails with a usage error naming the path. */
  RepoSnapshot read(Env env) {
    Path dir = env.resolve(repo);
    if (!Files.isDirectory(dir)) {
      throw CliException.usage("--repo " + repo + ": no such directory");
    }
    return DirectorySource.read(dir);
  }

  Path dir(Env env) {
    return env.resolve(repo);
  }
}
