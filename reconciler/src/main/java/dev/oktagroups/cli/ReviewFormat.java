package dev.oktagroups.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.reconcile.Review;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** How {@code explain} and {@code access} print their answers: text, JSON or CSV. */
enum ReviewFormat {
  TEXT,
  JSON,
  CSV;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final String OFFLINE =
      "Offline: from the manifests alone. Rule memberships and drift need Okta access (--okta-url"
          + " or --sandbox).";

  String render(Review.Explanation x) {
    return switch (this) {
      case TEXT -> text(x);
      case JSON -> json(x);
      case CSV -> csv(x);
    };
  }

  String render(Review.Access a) {
    return switch (this) {
      case TEXT -> text(a);
      case JSON -> json(a);
      case CSV -> csv(a);
    };
  }

  private static String text(Review.Explanation x) {
    StringBuilder sb = new StringBuilder();
    sb.append(x.person().map(p -> p.login() + " (" + p.status() + ")").orElse(x.user()))
        .append('\n');
    if (!x.online()) {
      sb.append(OFFLINE).append('\n');
    } else if (x.person().isEmpty()) {
      sb.append("No Okta user has the login or email ").append(x.user()).append(".\n");
      return sb.toString();
    }
    if (x.groups().isEmpty()) {
      sb.append("In no group okta-groups reads.\n");
    }
    for (Review.Membership m : x.groups()) {
      sb.append('\n').append(m.group()).append(" [").append(m.status()).append("]\n");
      m.why().forEach(w -> sb.append("  because ").append(w).append('\n'));
      if (!m.apps().isEmpty()) {
        sb.append("  apps: ").append(String.join(", ", m.apps())).append('\n');
      }
      m.push().ifPresent(p -> sb.append("  pushed to: ").append(p).append('\n'));
    }
    return sb.toString();
  }

  private static String text(Review.Access a) {
    StringBuilder sb = new StringBuilder();
    sb.append(a.app())
        .append(": ")
        .append(a.holders().size())
        .append(a.holders().size() == 1 ? " path" : " paths")
        .append(" through groups\n");
    if (!a.online()) {
      sb.append(OFFLINE).append('\n');
    }
    for (Review.Holder h : a.holders()) {
      sb.append('\n')
          .append(h.login())
          .append(" via ")
          .append(h.group())
          .append(" [")
          .append(h.status())
          .append("]\n  because ")
          .append(h.why())
          .append('\n');
    }
    return sb.toString();
  }

  private static String json(Review.Explanation x) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("user", x.user());
    o.put("online", x.online());
    x.person()
        .ifPresentOrElse(
            p -> o.putObject("person").put("login", p.login()).put("status", p.status()),
            () -> o.putNull("person"));
    ArrayNode groups = o.putArray("groups");
    for (Review.Membership m : x.groups()) {
      ObjectNode g = groups.addObject();
      g.put("group", m.group());
      g.put("status", m.status());
      strings(g.putArray("why"), m.why());
      strings(g.putArray("apps"), m.apps());
      m.push().ifPresentOrElse(p -> g.put("push", p), () -> g.putNull("push"));
    }
    return write(o);
  }

  private static String json(Review.Access a) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("app", a.app());
    o.put("online", a.online());
    ArrayNode holders = o.putArray("holders");
    for (Review.Holder h : a.holders()) {
      holders
          .addObject()
          .put("login", h.login())
          .put("group", h.group())
          .put("status", h.status())
          .put("why", h.why());
    }
    return write(o);
  }

  private static String csv(Review.Explanation x) {
    StringBuilder sb = new StringBuilder("user,group,status,why,apps,push\n");
    for (Review.Membership m : x.groups()) {
      row(
          sb,
          x.user(),
          m.group(),
          m.status(),
          String.join("; ", m.why()),
          String.join(" ", m.apps()),
          m.push().orElse(""));
    }
    return sb.toString();
  }

  private static String csv(Review.Access a) {
    StringBuilder sb = new StringBuilder("app,login,group,status,why\n");
    for (Review.Holder h : a.holders()) {
      row(sb, a.app(), h.login(), h.group(), h.status(), h.why());
    }
    return sb.toString();
  }

  /** One RFC 4180 row: fields with commas, quotes or line breaks are quoted. */
  private static void row(StringBuilder sb, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      if (f.contains(",") || f.contains("\"") || f.contains("\n")) {
        f = "\"" + f.replace("\"", "\"\"") + "\"";
      }
      sb.append(i == 0 ? "" : ",").append(f);
    }
    sb.append('\n');
  }

  private static void strings(ArrayNode into, List<String> values) {
    values.forEach(into::add);
  }

  private static String write(ObjectNode o) {
    try {
      return MAPPER.writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses format names with a message that lists the choices. */
  static final class Converter implements CommandLine.ITypeConverter<ReviewFormat> {
    @Override
    public ReviewFormat convert(String value) {
      try {
        return ReviewFormat.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a format here; use text, json or csv");
      }
    }
  }
}
