package dev.oktagroups.sandbox.auth;

/**
 * A refusal of the token endpoint in OAuth 2.0's shape ({@code error}, {@code error_description}),
 * which is not the Management API's {@code E0000…} shape.
 *
 * @param status 401 for a client that failed to authenticate, 400 otherwise
 * @param error the RFC 6749 error code, such as {@code invalid_client}
 * @param description Okta's {@code error_description}
 */
public record OAuthError(int status, String error, String description)
    implements ServiceApps.Answer {
  static OAuthError client(String description) {
    return new OAuthError(401, "invalid_client", description);
  }

  static OAuthError scope(String description) {
    return new OAuthError(400, "invalid_scope", description);
  }

  static OAuthError request(String description) {
    return new OAuthError(400, "invalid_request", description);
  }

  /** The refusal as an exception, for code that unwinds on it. */
  Refused refused() {
    return new Refused(this);
  }

  /** Thrown inside the checks; {@link ServiceApps#grant} turns it back into a value. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient OAuthError error;

    Refused(OAuthError error) {
      super(error.description(), null, false, false);
      this.error = error;
    }

    OAuthError error() {
      return error;
    }
  }
}
