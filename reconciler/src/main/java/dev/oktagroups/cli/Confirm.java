package dev.oktagroups.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Locale;

/** Asks before changing Okta, when someone is there to answer. */
final class Confirm {
  private Confirm() {}

  /**
   * True when the user answers yes.
   *
   * @throws CliException when nobody can answer (no terminal): scripts must say --auto-approve
   */
  static boolean ask(Main main, String question) {
    BufferedReader in = main.in();
    if (in == null) {
      throw CliException.usage(
          "not running interactively, so nobody can confirm; review the plan and pass --auto-approve");
    }
    main.err().print(question + " Only 'yes' applies: ");
    main.err().flush();
    try {
      String answer = in.readLine();
      return answer != null && answer.trim().toLowerCase(Locale.ROOT).equals("yes");
    } catch (IOException e) {
      return false;
    }
  }
}
