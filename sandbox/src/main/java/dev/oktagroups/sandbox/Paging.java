package dev.oktagroups.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.oktagroups.sandbox.org.Org;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** List responses with Okta's Link headers. */
final class Paging {
  private final String base;

  /**
   * @param base the org URL the links start with
   */
  Paging(String base) {
    this.base = base;
  }

  /** A list response: always a self link, a next link only when there is more. */
  <T> Response page(Request r, Org.Page<T> page, int limit, Function<T, JsonNode> view) {
    ArrayNode arr = Json.F.arrayNode();
    for (T t : page.items()) {
      arr.add(view.apply(t));
    }
    List<String> links = new ArrayList<>();
    links.add("<" + url(r, null, limit, false) + ">; rel=\"self\"");
    page.after().ifPresent(a -> links.add("<" + url(r, a, limit, true) + ">; rel=\"next\""));
    return new Response(200, arr, links);
  }

  private String url(Request r, String after, int limit, boolean next) {
    StringBuilder sb = new StringBuilder(base).append(r.path());
    List<String> parts = new ArrayList<>();
    r.query()
        .forEach(
            (k, vs) -> {
              if (k.equals("after") || k.equals("limit")) {
                return;
              }
              for (String v : vs) {
                parts.add(enc(k) + "=" + enc(v));
              }
            });
    if (next) {
      parts.add("after=" + enc(after));
    } else {
      r.q("after").ifPresent(a -> parts.add("after=" + enc(a)));
    }
    parts.add("limit=" + limit);
    return sb.append('?').append(String.join("&", parts)).toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
