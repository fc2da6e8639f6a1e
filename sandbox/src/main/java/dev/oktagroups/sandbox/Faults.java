package dev.oktagroups.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fault injection for tests: fail the Nth request matching a method and path pattern with an HTTP
 * error, a 429, a reset connection, a lost answer, or extra latency.
 */
public final class Faults {
  /** What to do to a matched request. */
  public enum Kind {
    /** Answer 500 E0000009. */
    ERROR_500,
    /** Answer 503, as Okta does when overloaded. */
    ERROR_503,
    /** Answer 423 E0000239, which live Okta returns on rule creation while busy. */
    LOCKED_423,
    /** Drop the connection without an answer, before the request does anything. */
    RESET,
    /**
     * Do what the request asks, then drop the connection without an answer: a response lost on the
     * way back, so the client cannot tell whether its create happened.
     */
    LOSE_RESPONSE,
    /** Answer normally after {@code millis}. */
    LATENCY,
    /**
     * Answer 429 E0000047 with a window that resets {@code millis} from now, as when another client
     * of the same bucket has spent it: what a client waiting on a rate-limit window sees.
     */
    RATE_LIMIT_429
  }

  /**
   * A rule: requests whose method matches (null: any) and whose path matches {@code pathRegex} are
   * counted; number {@code nth} and the {@code times - 1} after it are hit. Only requests that the
   * rate limiter let through are counted, across every client of the sandbox, retries included.
   *
   * @param millis the delay of {@link Kind#LATENCY}; how far ahead a {@link Kind#RATE_LIMIT_429}
   *     announces its reset; unused otherwise
   */
  public record Rule(String method, String pathRegex, int nth, int times, Kind kind, long millis) {
    public Rule {
      Pattern.compile(pathRegex);
      if (nth < 1 || times < 1) {
        throw new IllegalArgumentException("nth and times start at 1");
      }
    }

    public static Rule failNth(String method, String pathRegex, int nth, Kind kind) {
      return new Rule(method, pathRegex, nth, 1, kind, 0);
    }
  }

  private static final class Armed {
    final Rule rule;
    final Pattern pattern;
    int seen;

    Armed(Rule rule) {
      this.rule = rule;
      this.pattern = Pattern.compile(rule.pathRegex());
    }
  }

  private final List<Armed> rules = new ArrayList<>();

  public synchronized void add(Rule r) {
    rules.add(new Armed(r));
  }

  public synchronized void clear() {
    rules.clear();
  }

  /** Counts the request against every rule; returns the first rule that hits it. */
  synchronized Optional<Rule> match(String method, String path) {
    Rule hit = null;
    for (Armed a : rules) {
      if ((a.rule.method() == null || a.rule.method().equalsIgnoreCase(method))
          && a.pattern.matcher(path).matches()) {
        a.seen++;
        if (hit == null && a.seen >= a.rule.nth() && a.seen < a.rule.nth() + a.rule.times()) {
          hit = a.rule;
        }
      }
    }
    return Optional.ofNullable(hit);
  }
}
