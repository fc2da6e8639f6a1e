package dev.oktagroups.cli;

import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.source.GitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/**
 * Turns whatever a command threw into the one line a user reads, with its exit code. What a user
 * can cause (a bad value, a missing or unreadable file, an unreachable Okta) is named with what to
 * do; anything else is a bug, reported without the exception's class name unless OKTA_GROUPS_DEBUG
 * is set.
 */
final class Failures {
  private Failures() {}

  static CliException classify(Throwable t) {
    if (t instanceof CliException c) {
      return c;
    }
    if (t instanceof CommandLine.ParameterException
        || t instanceof CommandLine.TypeConversionException) {
      return CliException.usage(t.getMessage());
    }
    if (t instanceof UncheckedIOException u && u.getCause() != null) {
      return io(u.getCause(), u.getMessage());
    }
    if (t instanceof IOException e) {
      return io(e, e.getMessage());
    }
    if (t instanceof OktaFailure f) {
      return new CliException(ExitCode.FAILURE, "Okta: " + f.detail());
    }
    if (t instanceof GitException g) {
      return new CliException(ExitCode.FAILURE, g.getMessage());
    }
    if (t instanceof OutOfMemoryError) {
      return new CliException(
          ExitCode.FAILURE,
          "out of memory; give the JVM more, e.g. OKTA_GROUPS_JAVA_OPTS=-Xmx2g ./okta-groups ...");
    }
    String m = t.getMessage();
    return new CliException(
        ExitCode.FAILURE, "internal error" + (m == null || m.isBlank() ? "" : ": " + m));
  }

  /** Whether {@code t} is a defect of okta-groups rather than something the user can fix. */
  static boolean isBug(Throwable t) {
    return !(t instanceof CliException
        || t instanceof CommandLine.PicocliException
        || t instanceof IOException
        || t instanceof UncheckedIOException
        || t instanceof OktaFailure
        || t instanceof GitException
        || t instanceof OutOfMemoryError);
  }

  /** A file-system failure, as a user sees it: which file, and what is wrong with it. */
  private static CliException io(IOException e, String context) {
    if (e instanceof NoSuchFileException n) {
      return CliException.usage(n.getFile() + ": no such file or directory");
    }
    if (e instanceof AccessDeniedException a) {
      return CliException.usage(
          a.getFile() + ": permission denied; check the file's permissions or choose another path");
    }
    if (e instanceof NotDirectoryException d) {
      return CliException.usage(d.getFile() + ": not a directory");
    }
    if (e instanceof FileSystemException f) {
      String reason = f.getReason() == null ? "cannot be used" : f.getReason();
      return CliException.usage(f.getFile() + ": " + reason);
    }
    String m = context == null || context.isBlank() ? String.valueOf(e.getMessage()) : context;
    return new CliException(ExitCode.FAILURE, "input/output failed: " + m);
  }
}
