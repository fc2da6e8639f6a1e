package dev.oktagroups.sandbox;

import dev.oktagroups.sandbox.org.OktaError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The route table: method and path template to handler, in the order routes were added. */
final class Router {
  /** Answers one request; throws {@link OktaError} for Okta's error answers. */
  interface Handler {
    Response handle(Request r);
  }

  /** A route: method, path template with {params}, and whether it is Okta's API or ours. */
  record Route(
      String method, String template, List<String> segments, Handler handler, boolean control) {}

  /** A matched route and the path parameters it bound. */
  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  void on(String method, String template, Handler h) {
    List<String> segments = List.of(template.substring(1).split("/"));
    routes.add(new Route(method, template, segments, h, template.startsWith("/__sandbox")));
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * The route for a path, with its parameters. Literal segments win over {params}; among equals the
   * first added wins.
   *
   * @throws OktaError 405 when some route has the path but none the method
   */
  Optional<Match> match(String method, String path) {
    String[] parts = path.substring(1).split("/", -1);
    Match best = null;
    int bestLiterals = -1;
    boolean pathMatched = false;
    for (Route r : routes) {
      if (r.segments().size() != parts.length) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      int literals = bind(r, parts, params);
      if (literals < 0) {
        continue;
      }
      pathMatched = true;
      if (r.method().equals(method) && literals > bestLiterals) {
        best = new Match(r, params);
        bestLiterals = literals;
      }
    }
    if (best == null && pathMatched) {
      throw OktaError.methodNotAllowed(method);
    }
    return Optional.ofNullable(best);
  }

  /** Binds the route's params into {@code params}; the number of literal segments, -1 if none. */
  private static int bind(Route r, String[] parts, Map<String, String> params) {
    int literals = 0;
    for (int i = 0; i < parts.length; i++) {
      String seg = r.segments().get(i);
      if (seg.startsWith("{")) {
        if (parts[i].isEmpty()) {
          return -1;
        }
        params.put(
            seg.substring(1, seg.length() - 1),
            URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
      } else if (seg.equals(parts[i])) {
        literals++;
      } else {
        return -1;
      }
    }
    return literals;
  }
}
