package dev.oktagroups.slack;

import com.slack.api.methods.SlackApiTextResponse;

/** Slack's {@code ok: false} error strings as messages that say what to do. */
final class SlackErrors {
  private SlackErrors() {}

  static String explain(String app, String method, String error, SlackApiTextResponse r) {
    String what = "Slack refused " + method + " (" + app + "): " + error;
    return switch (error == null ? "" : error) {
      case "not_authed", "invalid_auth", "token_revoked", "token_expired", "account_inactive" ->
          what
              + "; check the Slack token in the variable okta-groups.yaml names (docs/operations.md)";
      case "missing_scope" ->
          what
              + "; the token lacks the scope "
              + (r.getNeeded() == null ? "the method needs" : r.getNeeded())
              + " (docs/operations.md lists the scopes)";
      case "not_an_admin", "not_allowed_token_type" ->
          what
              + "; Enterprise Grid channel links need an org admin's user token with"
              + " admin.usergroups:write, or set workspace: plain in okta-groups.yaml";
      case "channel_not_found" ->
          what + "; the channel was deleted, archived or is private to the token: re-run plan";
      case "invalid_channels_limit" ->
          what + "; Slack links at most 100 channels to one user group: list fewer";
      case "no_such_subteam" ->
          what + "; the user group is gone from Slack: check the push mapping in Okta";
      case "feature_not_enabled", "not_an_enterprise" ->
          what + "; this is not an Enterprise Grid org: set workspace: plain in okta-groups.yaml";
      default -> what;
    };
  }
}
