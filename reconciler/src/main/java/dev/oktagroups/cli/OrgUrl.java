package dev.oktagroups.cli;

/** The checks an Okta org URL passes before anything connects to it. */
final class OrgUrl {
  private OrgUrl() {}

  /**
   * Refuses an org URL a person might type wrongly: no scheme, spaces, a path, plain HTTP to a host
   * that is not this machine. {@code from} says where the URL came from, for the message.
   */
  static void check(String url, String from) {
    String u = url.trim();
    if (!u.contains("://")) {
      throw CliException.usage(
          from
              + " '"
              + url
              + "' has no scheme; did you mean https://"
              + u.replaceAll("/+$", "")
              + " ?");
    }
    java.net.URI parsed;
    try {
      parsed = new java.net.URI(u);
    } catch (java.net.URISyntaxException e) {
      throw CliException.usage(
          from
              + " '"
              + url
              + "' is not a URL ("
              + e.getReason()
              + "); write e.g. https://example.okta.com");
    }
    if (parsed.getHost() == null) {
      throw CliException.usage(
          from + " '" + url + "' names no host; write e.g. https://example.okta.com");
    }
    String host = parsed.getHost();
    boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    if ("http".equals(parsed.getScheme()) && !loopback) {
      throw CliException.usage(
          from + " '" + url + "': Okta org URLs use https; write https://" + parsed.getAuthority());
    }
  }
}
