package dev.oktagroups.cli;

import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OktaReader;
import dev.oktagroups.port.OrgReader;
import dev.oktagroups.port.SlackFailure;
import dev.oktagroups.port.SlackReader;
import dev.oktagroups.port.UserDirectory;
import dev.oktagroups.state.Person;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The readers commands use, as they report: each wraps a quiet {@code port} reader so that its
 * progress and its request count go to standard error, and a failure to read ends the run with a
 * message users can act on. {@code requests} counts the connection's requests, for the last line.
 */
final class Reporting {
  private Reporting() {}

  /** Okta's reader: the read's progress with its elapsed time, then its request count. */
  static OktaReader okta(
      Main main, OktaReader raw, LongSupplier requests, String credentialSource) {
    return (scope, progress) -> {
      long r0 = requests.getAsLong();
      long t0 = System.nanoTime();
      try {
        var a =
            raw.read(
                scope,
                line -> {
                  progress.accept(line);
                  main.err().println("okta-groups: " + Stages.elapsed(t0) + " " + line);
                  main.err().flush();
                });
        main.err()
            .println(
                "okta-groups: read Okta in "
                    + (requests.getAsLong() - r0)
                    + " requests, "
                    + Stages.elapsed(t0));
        return a;
      } catch (OktaFailure f) {
        if (f.status() == 403 && "E0000006".equals(f.errorCode())) {
          throw new CliException(
              ExitCode.ACCESS,
              "Okta refused a read (403 E0000006): the credentials from "
                  + credentialSource
                  + " lack permission. A service app needs the .read scopes and an admin role;"
                  + " see docs/operations.md.");
        }
        throw new CliException(ExitCode.FAILURE, explain(f, credentialSource), f);
      }
    };
  }

  /** The whole-org reader for an import. */
  static OrgReader org(Main main, OrgReader raw, LongSupplier requests) {
    return (scope, progress) -> {
      long r0 = requests.getAsLong();
      try {
        var a =
            raw.readOrg(
                scope,
                line -> {
                  progress.accept(line);
                  main.err().println("okta-groups: " + line);
                  main.err().flush();
                });
        main.err()
            .println("okta-groups: read Okta in " + (requests.getAsLong() - r0) + " requests");
        return a;
      } catch (OktaFailure f) {
        throw new CliException(ExitCode.FAILURE, "cannot read Okta: " + f.detail());
      }
    };
  }

  /** The user directory, for impact: the candidates found, and the requests that took. */
  static UserDirectory directory(Main main, UserDirectory raw, LongSupplier requests) {
    return (filter, progress) -> {
      long r0 = requests.getAsLong();
      try {
        List<Person> found =
            raw.search(
                filter,
                line -> {
                  progress.accept(line);
                  main.err().println("okta-groups: " + line);
                });
        main.err()
            .println(
                "okta-groups: found "
                    + found.size()
                    + " candidates in "
                    + (requests.getAsLong() - r0)
                    + " requests");
        main.err().flush();
        return found;
      } catch (OktaFailure f) {
        throw new CliException(ExitCode.FAILURE, "cannot search Okta's users: " + f.detail());
      }
    };
  }

  /** Slack's reader, for the channels of user groups. */
  static SlackReader slack(Main main, SlackReader raw, LongSupplier requests) {
    return (wanted, progress) -> {
      long r0 = requests.getAsLong();
      long t0 = System.nanoTime();
      try {
        var state =
            raw.read(
                wanted,
                line -> {
                  progress.accept(line);
                  main.err().println("okta-groups: " + Stages.elapsed(t0) + " " + line);
                });
        main.err()
            .println(
                "okta-groups: read Slack in "
                    + (requests.getAsLong() - r0)
                    + " requests, "
                    + Stages.elapsed(t0));
        main.err().flush();
        return state;
      } catch (SlackFailure f) {
        throw new CliException(ExitCode.FAILURE, "cannot read Slack: " + f.detail());
      }
    };
  }

  /**
   * A failure to read Okta as the user acts on it: an unreachable org says so, and a refused
   * credential names the variable it came from.
   */
  static String explain(OktaFailure f, String credentialSource) {
    return switch (f.status()) {
      case 0 -> f.detail();
      case 401 ->
          "Okta rejected the credentials from "
              + credentialSource
              + " ("
              + f.detail()
              + "): check that they are for this org and not expired or revoked (docs/operations.md)";
      case 403 ->
          "Okta refused access ("
              + f.detail()
              + "): the credentials from "
              + credentialSource
              + " lack the admin role or scopes okta-groups needs; docs/operations.md lists them";
      default -> "cannot read Okta: " + f.detail();
    };
  }
}
