package dev.oktagroups.cli;

import dev.oktagroups.source.GitException;
import dev.oktagroups.source.GitSource;
import dev.oktagroups.source.RemoteMirror;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.watch.Watcher;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;

/** Commits from the mirror of the followed repository. */
final class GitWatchSource implements Watcher.Source {
  private final RemoteMirror mirror;
  private final String branch;
  private final boolean scoped;

  GitWatchSource(RemoteMirror mirror, String branch, boolean scoped) {
    this.mirror = mirror;
    this.branch = branch;
    this.scoped = scoped;
  }

  @Override
  public synchronized String fetch() {
    mirror.fetch(NullProgressMonitor.INSTANCE);
    return GitSource.resolve(mirror.repository(), "refs/heads/" + branch).name();
  }

  @Override
  public synchronized RepoSnapshot read(String commit) {
    return GitSource.read(mirror.repository(), "", commit, mirror.url());
  }

  @Override
  public synchronized int lag(String base, String head) {
    try (RevWalk rw = new RevWalk(mirror.repository())) {
      rw.markStart(rw.parseCommit(ObjectId.fromString(head)));
      rw.markUninteresting(rw.parseCommit(ObjectId.fromString(base)));
      int n = 0;
      while (rw.next() != null) {
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new GitException("cannot count commits: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized String touched(Optional<String> base, String head) {
    if (base.isEmpty()) {
      return "";
    }
    return Touched.line(GitSource.changes(mirror.repository(), "", base.get(), head));
  }

  @Override
  public synchronized Optional<Set<String>> touchedGroups(Optional<String> base, String head) {
    if (base.isEmpty() || !scoped) {
      return Optional.empty();
    }
    return Touched.groups(GitSource.changes(mirror.repository(), "", base.get(), head));
  }
}
