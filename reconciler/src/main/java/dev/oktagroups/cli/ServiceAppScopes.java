package dev.oktagroups.cli;

import dev.oktagroups.port.OktaFailure;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The scopes a service app asks Okta for. Okta grants a token request all of its scopes or none, so
 * what is asked for decides whether a run can start at all.
 *
 * <p>The System Log's scope is the one scope okta-groups can do without: incremental reads poll the
 * log, and without it every read is a full one, which is slower but sees the same org. So, unless
 * {@code OKTA_SCOPES} says what the app holds, a command that reads incrementally asks for it, and
 * when Okta refuses the request, asks once more without it. Nothing is read or written before the
 * token is issued, so the second request loses nothing.
 */
final class ServiceAppScopes {
  private ServiceAppScopes() {}

  /** The scope of the System Log, which incremental reads poll. */
  static final String LOGS = "okta.logs.read";

  /**
   * The scopes to ask for, for a command with {@code access}. {@code granted} is {@code
   * OKTA_SCOPES}, the scopes an operator says the app holds: when it lacks one the command needs,
   * the command is refused here, before anything is sent. The System Log's scope is asked for when
   * {@code OKTA_SCOPES} lists it, or when it is unset and the command reads the log.
   */
  static Set<String> asked(Wiring.Access access, Optional<String> granted) {
    Optional<Set<String>> listed = granted.map(ServiceAppScopes::split);
    if (listed.isPresent()) {
      List<String> missing =
          access.scopes.stream().filter(s -> !listed.get().contains(s)).sorted().toList();
      if (!missing.isEmpty()) {
        throw new CliException(
            ExitCode.ACCESS,
            access.command
                + " needs the scopes "
                + String.join(", ", missing)
                + ", which OKTA_SCOPES does not list. Nothing was changed. Grant them to the"
                + " service app and add them to OKTA_SCOPES, or unset OKTA_SCOPES; see"
                + " docs/operations.md.");
      }
    }
    Set<String> asked = new TreeSet<>(access.scopes);
    // An explicit OKTA_SCOPES is taken as given; without it, connect() copes with a refusal.
    if (listed.map(l -> l.contains(LOGS)).orElse(access.readsLog)) {
      asked.add(LOGS);
    }
    return asked;
  }

  /**
   * A connection, and whether Okta refused the System Log's scope to the app (and so the run reads
   * in full and never polls the log).
   */
  record Connected<C>(C connection, boolean logRefused) {}

  /**
   * Connects with a token for {@code asked}. When {@code logOptional} (no {@code OKTA_SCOPES}),
   * {@code asked} holds {@link #LOGS} and Okta refuses a scope, asks once more without the log's
   * scope; if Okta grants that, only the log's scope was missing, and {@code notice} hears one line
   * that says incremental reads are off and how to turn them on. Okta's description of a refusal is
   * prose, not a contract, so the second request decides rather than a parse of the first.
   *
   * @param connect connects with a token for the scopes given; throws {@link OktaFailure} when the
   *     token request is refused
   * @throws CliException exit 8, saying what to grant, when Okta refuses the token request
   */
  static <C> Connected<C> connect(
      String clientId,
      Set<String> asked,
      Wiring.Access access,
      boolean logOptional,
      Function<Set<String>, C> connect,
      Consumer<String> notice) {
    try {
      return new Connected<>(connect.apply(asked), false);
    } catch (OktaFailure f) {
      if (!logOptional || !asked.contains(LOGS) || !f.errorCode().equals("invalid_scope")) {
        throw ServiceAppRefusal.of(clientId, asked, access, f);
      }
    }
    Set<String> without = new TreeSet<>(asked);
    without.remove(LOGS);
    C c;
    try {
      c = connect.apply(without);
    } catch (OktaFailure f) {
      throw ServiceAppRefusal.of(clientId, without, access, f);
    }
    notice.accept(
        "service app "
            + clientId
            + " is not granted "
            + LOGS
            + ", so incremental reads are off and every read is a full one; grant it under the"
            + " app's Okta API Scopes to turn them on (docs/operations.md)");
    return new Connected<>(c, true);
  }

  private static Set<String> split(String scopes) {
    return new LinkedHashSet<>(List.of(scopes.trim().split("[\\s,]+")));
  }
}
