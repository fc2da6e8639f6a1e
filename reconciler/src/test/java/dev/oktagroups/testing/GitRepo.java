package dev.oktagroups.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real Git repository in a temporary directory, built with JGit, for tests. */
public final class GitRepo implements AutoCloseable {
  private static final PersonIdent WHO = new PersonIdent("Test Author", "test@example.com");

  public final Path dir;
  public final Git git;

  private GitRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  /** {@code git init -b main} in {@code dir}. */
  public static GitRepo init(Path dir) {
    try {
      Files.createDirectories(dir);
      return new GitRepo(
          dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  public GitRepo write(String path, String content) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public GitRepo delete(String path) {
    try {
      Files.delete(dir.resolve(path));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code git mv}: the content moves to a new path. */
  public GitRepo move(String from, String to) {
    try {
      Path t = dir.resolve(to);
      Files.createDirectories(t.getParent());
      Files.move(dir.resolve(from), t);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code git add -A && git commit -m message}; returns the commit's SHA. */
  public String commit(String message) {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call(); // stage deletions too
      RevCommit c =
          git.commit().setMessage(message).setAuthor(WHO).setCommitter(WHO).setSign(false).call();
      return c.name();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
