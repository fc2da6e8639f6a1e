package dev.oktagroups.cli;

import picocli.CommandLine;

/**
 * Converters for numeric options that have a sensible range, so a typo such as {@code --threads 0}
 * or {@code --max-deletions -1} is a usage error that says the range, not a hang or a crash later.
 */
final class Numbers {
  private Numbers() {}

  static int parse(String value, long min, long max, String what) {
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a whole number; " + what + " is between " + min + " and " + max);
    }
    if (n < min || n > max) {
      throw new CommandLine.TypeConversionException(
          value + " is out of range; " + what + " is between " + min + " and " + max);
    }
    return (int) n;
  }

  /** Parallel requests: at least one, and no more than Okta's 75 concurrent requests. */
  static final class Threads implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return parse(value, 1, 75, "the number of parallel requests");
    }
  }

  /** A count that cannot be negative, such as a cap. */
  static final class Count implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return parse(value, 0, Integer.MAX_VALUE, "a count");
    }
  }

  /** A TCP port; 0 asks for a free one. */
  static final class Port implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return parse(value, 0, 65535, "a port");
    }
  }

  /**
   * Synthetic people in a sandbox: enough for the largest benchmark, not enough to exhaust memory.
   */
  static final class Users implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return parse(value, 0, 1_000_000, "the number of synthetic people");
    }
  }
}
