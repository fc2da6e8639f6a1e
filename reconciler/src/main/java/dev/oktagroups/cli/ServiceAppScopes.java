package dev.oktagroups.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scopes a service app asks Okta for. Okta grants a token request all of its scopes or none, so
 * what is asked for decides whether a run can start at all.
 */
final class ServiceAppScopes {
  private ServiceAppScopes() {}

  /** The scope of the System Log, which incremental reads poll. */
  static final String LOGS = "okta.logs.read";

  /**
   * The scopes to ask for, for a command with {@code access}. {@code granted} is {@code
   * OKTA_SCOPES}, the scopes an operator says the app holds: when it lacks one the command needs,
   * the command is refused here, before anything is sent.
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
    // Incremental reads poll the System Log; ask for its scope only when the app is known to
    // hold it, since Okta refuses a token request for any scope not granted.
    if (listed.isPresent() && listed.get().contains(LOGS)) {
      asked.add(LOGS);
    }
    return asked;
  }

  private static Set<String> split(String scopes) {
    return new LinkedHashSet<>(List.of(scopes.trim().split("[\\s,]+")));
  }
}
