package dev.oktagroups.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Reads manifests from Git with JGit: the tree of one commit, without a checkout, and the files a
 * range of commits touched.
 *
 * <p>The okta-groups files may live in a subdirectory of the Git repository (a monorepo); every
 * method takes that directory's path inside the repository as {@code prefix} ("" at the top).
 */
public final class GitSource {
  private GitSource() {}

  /** A Git repository and where the okta-groups files sit in it. */
  public record Located(Repository repository, String prefix, boolean bare)
      implements AutoCloseable {
    @Override
    public void close() {
      repository.close();
    }
  }

  /**
   * The Git repository {@code dir} belongs to: a working tree (at or below its top), or a bare
   * repository. Empty when {@code dir} is not in Git.
   */
  public static Optional<Located> locate(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (isBareRepository(abs)) {
      return Optional.of(
          new Located(
              open(new FileRepositoryBuilder().setGitDir(abs.toFile()).setMustExist(true)),
              "",
              true));
    }
    FileRepositoryBuilder b =
        new FileRepositoryBuilder().readEnvironment().findGitDir(abs.toFile());
    if (b.getGitDir() == null) {
      return Optional.empty();
    }
    Repository r = open(b.setMustExist(true));
    if (r.isBare()) {
      r.close();
      return Optional.empty();
    }
    Path top = r.getWorkTree().toPath().toAbsolutePath().normalize();
    String prefix = top.relativize(abs).toString().replace('\\', '/');
    return Optional.of(new Located(r, prefix, false));
  }

  /** Whether {@code dir} itself is a bare repository (a Git directory with no working tree). */
  public static boolean isBareRepository(Path dir) {
    return Files.isRegularFile(dir.resolve("HEAD"))
        && Files.isDirectory(dir.resolve("objects"))
        && Files.isDirectory(dir.resolve("refs"));
  }

  private static Repository open(FileRepositoryBuilder b) {
    try {
      return b.build();
    } catch (IOException e) {
      throw new GitException("cannot open the Git repository: " + e.getMessage(), e);
    }
  }

  /**
   * The commit {@code rev} names: a branch, tag, SHA (full or abbreviated), or an expression such
   * as {@code main~1}.
   *
   * @throws GitException naming the revision when it does not resolve to a commit
   */
  public static ObjectId resolve(Repository repo, String rev) {
    try {
      ObjectId id = repo.resolve(rev + "^{commit}");
      if (id == null) {
        throw new GitException(
            "'"
                + rev
                + "' is not a commit in "
                + describe(repo)
                + ": check the branch, tag or SHA (git log --oneline shows the commits)");
      }
      return id;
    } catch (RevisionSyntaxException | IOException e) {
      throw new GitException(
          "'" + rev + "' is not a revision Git understands: " + e.getMessage(), e);
    }
  }

  /**
   * Reads okta-groups.yaml and every candidate manifest under groups/ as they are at {@code rev},
   * straight from Git's object store.
   */
  public static RepoSnapshot read(Repository repo, String prefix, String rev, String origin) {
    ObjectId commit = resolve(repo, rev);
    String base = prefix.isEmpty() ? "" : prefix + "/";
    String cfgPath = base + RepoSnapshot.CONFIG_PATH;
    String groupsPath = base + RepoSnapshot.GROUPS_DIR;
    Optional<byte[]> config = Optional.empty();
    List<SourceFile> files = new ArrayList<>();
    try (RevWalk rw = new RevWalk(repo);
        TreeWalk tw = new TreeWalk(repo);
        ObjectReader reader = repo.newObjectReader()) {
      RevCommit c = rw.parseCommit(commit);
      tw.addTree(c.getTree());
      tw.setRecursive(true);
      tw.setFilter(PathFilterGroup.createFromStrings(cfgPath, groupsPath));
      while (tw.next()) {
        if (tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
          continue; // a submodule
        }
        String path = tw.getPathString().substring(base.length());
        if (path.equals(RepoSnapshot.CONFIG_PATH)) {
          config = Optional.of(reader.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes());
        } else if (RepoSnapshot.isCandidate(path)) {
          files.add(
              new SourceFile(path, reader.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes()));
        }
      }
    } catch (IOException e) {
      throw new GitException(
          "cannot read commit " + commit.name() + " of " + describe(repo) + ": " + e.getMessage(),
          e);
    }
    return new RepoSnapshot(origin, Optional.of(commit.name()), config, files);
  }

  /**
   * Whether the working tree has uncommitted changes to okta-groups.yaml or groups/ (modified,
   * staged, or untracked). Then what is on disk is not any commit.
   */
  public static boolean dirty(Located at) {
    String base = at.prefix().isEmpty() ? "" : at.prefix() + "/";
    try (Git git = new Git(at.repository())) {
      Status s =
          git.status()
              .addPath(base + RepoSnapshot.CONFIG_PATH)
              .addPath(base + RepoSnapshot.GROUPS_DIR)
              .call();
      return !s.isClean();
    } catch (GitAPIException e) {
      throw new GitException("cannot read the working tree's status: " + e.getMessage(), e);
    }
  }

  /** One file a range of commits added, changed, deleted, renamed or copied. */
  public record FileChange(Kind kind, String oldPath, String newPath) {
    /** What happened to the file. */
    public enum Kind {
      ADD,
      MODIFY,
      DELETE,
      RENAME,
      COPY
    }

    /** The group a manifest path names: its file name without the extension. */
    public static String groupOf(String path) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      int dot = name.lastIndexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The group before the change; empty for an added file. */
    public Optional<String> oldGroup() {
      return kind == Kind.ADD ? Optional.empty() : Optional.of(groupOf(oldPath));
    }

    /** The group after the change; empty for a deleted file. */
    public Optional<String> newGroup() {
      return kind == Kind.DELETE ? Optional.empty() : Optional.of(groupOf(newPath));
    }
  }

  /**
   * The manifests and okta-groups.yaml that changed between two commits, with renames detected (a
   * moved file whose content is mostly unchanged is one RENAME, not a DELETE and an ADD). Paths are
   * relative to {@code prefix}.
   */
  public static List<FileChange> changes(
      Repository repo, String prefix, String fromRev, String toRev) {
    ObjectId from = resolve(repo, fromRev);
    ObjectId to = resolve(repo, toRev);
    String base = prefix.isEmpty() ? "" : prefix + "/";
    List<FileChange> out = new ArrayList<>();
    try (RevWalk rw = new RevWalk(repo);
        DiffFormatter df = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      df.setRepository(repo);
      df.setDetectRenames(true);
      df.setPathFilter(
          PathFilterGroup.create(
              List.of(
                  PathFilter.create(base + RepoSnapshot.GROUPS_DIR),
                  PathFilter.create(base + RepoSnapshot.CONFIG_PATH))));
      for (DiffEntry d : df.scan(rw.parseCommit(from).getTree(), rw.parseCommit(to).getTree())) {
        String oldPath = strip(d.getOldPath(), base);
        String newPath = strip(d.getNewPath(), base);
        boolean relevant =
            oldPath.equals(RepoSnapshot.CONFIG_PATH)
                || newPath.equals(RepoSnapshot.CONFIG_PATH)
                || RepoSnapshot.isCandidate(oldPath)
                || RepoSnapshot.isCandidate(newPath);
        if (!relevant) {
          continue; // a README under groups/
        }
        FileChange.Kind kind =
            switch (d.getChangeType()) {
              case ADD -> FileChange.Kind.ADD;
              case MODIFY -> FileChange.Kind.MODIFY;
              case DELETE -> FileChange.Kind.DELETE;
              case RENAME -> FileChange.Kind.RENAME;
              case COPY -> FileChange.Kind.COPY;
            };
        out.add(new FileChange(kind, oldPath, newPath));
      }
    } catch (IOException e) {
      throw new GitException("cannot diff " + fromRev + ".." + toRev + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static String strip(String path, String base) {
    return path.startsWith(base) ? path.substring(base.length()) : path;
  }

  private static String describe(Repository repo) {
    return repo.isBare() ? repo.getDirectory().toString() : repo.getWorkTree().toString();
  }
}
