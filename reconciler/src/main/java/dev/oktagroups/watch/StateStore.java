package dev.oktagroups.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The watcher's durable state: the last commit it applied in full, and when. Written atomically (a
 * temporary file, forced to disk, then renamed over the old one), so a crash or power loss leaves
 * either the old state or the new one, never half of each.
 *
 * <p>Holding a StateStore holds an exclusive lock on the state directory: a second watcher for the
 * same directory fails to start instead of racing the first.
 */
public final class StateStore implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What survives a restart.
   *
   * @param orgUrl the org this state belongs to; a state for another org is refused
   * @param branch the branch followed
   * @param lastApplied the last commit applied in full, if any
   * @param appliedAt when it was applied
   */
  public record Durable(
      String orgUrl, String branch, Optional<String> lastApplied, Optional<Instant> appliedAt) {}

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StateStore(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens {@code dir} (creating it) and takes its lock.
   *
   * @throws IllegalStateException naming the holder when another process has the lock
   */
  public static StateStore open(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel ch =
          FileChannel.open(
              dir.resolve("watch.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        l = null; // this JVM holds it already
      }
      if (l == null) {
        String holder =
            new String(Files.readAllBytes(dir.resolve("watch.lock")), StandardCharsets.UTF_8)
                .trim();
        ch.close();
        throw new IllegalStateException(
            "another watcher is running on "
                + dir
                + (holder.isEmpty() ? "" : " (" + holder + ")")
                + "; only one watcher may act on an org at a time. Stop it, or give this one another --state-dir.");
      }
      ch.truncate(0);
      ch.write(
          ByteBuffer.wrap(
              ("pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n")
                  .getBytes(StandardCharsets.UTF_8)),
          0);
      ch.force(true);
      return new StateStore(dir, ch, l);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the watcher's state directory " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** The saved state, if any. */
  public Optional<Durable> load() {
    Path f = dir.resolve("state.json");
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(f.toFile());
      return Optional.of(
          new Durable(
              n.path("orgUrl").asText(),
              n.path("branch").asText(),
              Optional.ofNullable(n.path("lastAppliedCommit").textValue()),
              Optional.ofNullable(n.path("appliedAt").textValue()).map(Instant::parse)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "the watcher's state file "
              + f
              + " is unreadable ("
              + e.getMessage()
              + "). Move it aside to start over: the next reconcile re-applies the branch head, which is safe.",
          e);
    }
  }

  /** Replaces the saved state atomically. */
  public void save(Durable d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("orgUrl", d.orgUrl());
    n.put("branch", d.branch());
    d.lastApplied().ifPresent(c -> n.put("lastAppliedCommit", c));
    d.appliedAt().ifPresent(t -> n.put("appliedAt", t.toString()));
    Path tmp = dir.resolve("state.json.tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n)));
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp + ": " + e.getMessage(), e);
    }
    try {
      Files.move(
          tmp,
          dir.resolve("state.json"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IllegalStateException(
          "the state directory "
              + dir
              + " cannot rename files atomically; put it on a local file system",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot replace " + dir.resolve("state.json") + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      // released with the process anyway
    }
  }
}
