package dev.oktagroups.cli;

import dev.oktagroups.port.OktaFailure;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says why Okta's authorization server refused a service app's token, and what to do: the scopes
 * not granted, or the key and client id to check. The token request is the first call of a run, so
 * nothing has been read or written yet.
 */
final class ServiceAppRefusal {
  private static final Pattern SCOPE = Pattern.compile("okta\\.[A-Za-z]+\\.(?:read|manage)");

  private ServiceAppRefusal() {}

  /**
   * @param clientId the service app's client id
   * @param asked the scopes its token request asked for
   */
  static CliException of(String clientId, Set<String> asked, Wiring.Access access, OktaFailure f) {
    String said = f.getMessage().replaceAll("\\.$", "");
    String okta = "(" + (f.errorCode().isEmpty() ? "" : f.errorCode() + ": ") + said + ")";
    if (f.status() == 0) {
      return new CliException(
          ExitCode.FAILURE, "cannot get a token for service app " + clientId + ": " + said + ".");
    }
    if (f.errorCode().equals("invalid_scope")) {
      List<String> missing = missing(f.getMessage(), asked, access);
      return new CliException(
          ExitCode.ACCESS,
          access.command
              + " needs the scopes "
              + String.join(", ", missing)
              + ", which Okta does not grant to service app "
              + clientId
              + " "
              + okta
              + ". Nothing was changed. Grant them under the app's Okta API Scopes"
              + (writes(access)
                  ? ", or use this app for plan only, which needs just the .read scopes"
                  : "")
              + "; see docs/operations.md.");
    }
    if (f.errorCode().equals("invalid_client")) {
      return new CliException(
          ExitCode.ACCESS,
          "Okta refused service app "
              + clientId
              + " "
              + okta
              + ". Nothing was changed. Check OKTA_CLIENT_ID, and that OKTA_PRIVATE_KEY_FILE is"
              + " the private half of a key registered for that app; see docs/operations.md.");
    }
    return new CliException(
        ExitCode.ACCESS,
        "Okta refused the token request of service app "
            + clientId
            + " "
            + okta
            + ". Nothing was changed.");
  }

  /** Whether the command needs more than the .read scopes. */
  private static boolean writes(Wiring.Access a) {
    return !Wiring.Access.READ.scopes.containsAll(a.scopes);
  }

  /**
   * The scopes Okta names in its refusal; when it names none, those asked for beyond the .read ones
   * (an apply), or all of them (a plan).
   */
  private static List<String> missing(String description, Set<String> asked, Wiring.Access a) {
    Set<String> named = new LinkedHashSet<>();
    Matcher m = SCOPE.matcher(description);
    while (m.find()) {
      named.add(m.group());
    }
    if (!named.isEmpty()) {
      return List.copyOf(named);
    }
    return asked.stream()
        .filter(s -> !writes(a) || !Wiring.Access.READ.scopes.contains(s))
        .sorted()
        .toList();
  }
}
