package dev.oktagroups.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oktagroups.diag.Diagnostic;
import dev.oktagroups.validate.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The output formats of {@code okta-groups validate}. */
public enum FindingsFormat {
  TEXT,
  JSON,
  JUNIT,
  CODEQUALITY;

  /** Built on first use: text output, the common case, should not pay for a mapper. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** Parses a format name as users type it; case-insensitive. */
  public static FindingsFormat parse(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }

  /** Whether the format is a machine-readable document (stdout carries nothing else). */
  public boolean isMachine() {
    return this != TEXT;
  }

  /**
   * Renders {@code result}.
   *
   * @param strict whether warnings count as failures (JUnit marks such files failed)
   */
  public String render(ValidationResult result, boolean strict) {
    return switch (this) {
      case TEXT -> text(result);
      case JSON -> json(result);
      case JUNIT -> junit(result, strict);
      case CODEQUALITY -> codeQuality(result);
    };
  }

  /** One line per finding, {@code path:line:col: severity rule: message}, then its hint. */
  static String text(ValidationResult r) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : r.diagnostics()) {
      sb.append(line(d)).append('\n');
      if (!d.hint().isEmpty()) {
        sb.append("    hint: ").append(d.hint()).append('\n');
      }
    }
    sb.append(summary(r)).append('\n');
    return sb.toString();
  }

  public static String line(Diagnostic d) {
    return d.where() + ": " + d.severity().label() + " " + d.rule() + ": " + d.message();
  }

  /** "2 errors, 1 warning in 2 of 28 files" or "28 files valid". */
  public static String summary(ValidationResult r) {
    long errors = r.errorCount();
    long warnings = r.warningCount();
    long badFiles = r.diagnostics().stream().map(d -> d.where().path()).distinct().count();
    // A finding can name a file that is not there (a missing okta-groups.yaml): it still counts.
    java.util.Set<String> all = new java.util.TreeSet<>(r.files());
    r.diagnostics().forEach(d -> all.add(d.where().path()));
    int files = all.size();
    if (errors == 0 && warnings == 0) {
      return files + (files == 1 ? " file" : " files") + " valid";
    }
    return plural(errors, "error")
        + ", "
        + plural(warnings, "warning")
        + " in "
        + badFiles
        + " of "
        + files
        + (files == 1 ? " file" : " files");
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  static String json(ValidationResult r) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("version", 1);
    ObjectNode summary = root.putObject("summary");
    summary.put("files", r.files().size());
    summary.put("errors", r.errorCount());
    summary.put("warnings", r.warningCount());
    ArrayNode findings = root.putArray("findings");
    for (Diagnostic d : r.diagnostics()) {
      ObjectNode f = findings.addObject();
      f.put("path", d.where().path());
      f.put("line", d.where().line());
      f.put("column", d.where().column());
      f.put("rule", d.rule());
      f.put("severity", d.severity().label());
      f.put("message", d.message());
      f.put("hint", d.hint());
    }
    return write(root);
  }

  /**
   * JUnit XML for {@code artifacts:reports:junit}: one test case per file, failed when the file has
   * errors (or warnings, with {@code --strict}). GitLab keys test cases on their name, so names are
   * the unique file paths.
   */
  static String junit(ValidationResult r, boolean strict) {
    Map<String, List<Diagnostic>> byFile = new LinkedHashMap<>();
    for (String f : r.files()) {
      byFile.put(f, new ArrayList<>());
    }
    for (Diagnostic d : r.diagnostics()) {
      byFile.computeIfAbsent(d.where().path(), k -> new ArrayList<>()).add(d);
    }
    int failures = 0;
    StringBuilder cases = new StringBuilder();
    for (Map.Entry<String, List<Diagnostic>> e : byFile.entrySet()) {
      if (testcase(cases, e.getKey(), e.getValue(), strict)) {
        failures++;
      }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<testsuites name=\"okta-groups\" tests=\""
        + byFile.size()
        + "\" failures=\""
        + failures
        + "\">\n"
        + "  <testsuite name=\"okta-groups validate\" tests=\""
        + byFile.size()
        + "\" failures=\""
        + failures
        + "\" errors=\"0\" skipped=\"0\">\n"
        + cases
        + "  </testsuite>\n</testsuites>\n";
  }

  /** Appends one file's test case; returns whether it failed. */
  private static boolean testcase(
      StringBuilder cases, String file, List<Diagnostic> ds, boolean strict) {
    List<Diagnostic> failing = ds.stream().filter(d -> d.isError() || strict).toList();
    cases
        .append("    <testcase classname=\"okta-groups.validate\" name=\"")
        .append(xml(file))
        .append("\" file=\"")
        .append(xml(file))
        .append("\" time=\"0\"");
    if (ds.isEmpty()) {
      cases.append("/>\n");
      return false;
    }
    cases.append(">\n");
    if (!failing.isEmpty()) {
      cases
          .append("      <failure message=\"")
          .append(xml(failing.size() + " finding(s): " + failing.get(0).message()))
          .append("\" type=\"")
          .append(xml(failing.get(0).rule()))
          .append("\">");
      for (Diagnostic d : failing) {
        cases.append(xml(line(d))).append('\n');
        if (!d.hint().isEmpty()) {
          cases.append("    hint: ").append(xml(d.hint())).append('\n');
        }
      }
      cases.append("</failure>\n");
    }
    List<Diagnostic> rest = ds.stream().filter(d -> !failing.contains(d)).toList();
    if (!rest.isEmpty()) {
      cases.append("      <system-out>");
      for (Diagnostic d : rest) {
        cases.append(xml(line(d))).append('\n');
      }
      cases.append("</system-out>\n");
    }
    cases.append("    </testcase>\n");
    return !failing.isEmpty();
  }

  /**
   * GitLab Code Quality: a JSON array of findings with exactly the fields GitLab reads. The
   * fingerprint hashes the path, rule and message, not the line, so a finding that moves is the
   * same finding; repeats get a counter so each violation is distinct.
   */
  static String codeQuality(ValidationResult r) {
    ArrayNode arr = Json.MAPPER.createArrayNode();
    Map<String, Integer> seen = new HashMap<>();
    for (Diagnostic d : r.diagnostics()) {
      String stable =
          d.where().path() + "\n" + d.rule() + "\n" + d.message().replaceAll("line \\d+", "line");
      int n = seen.merge(stable, 1, Integer::sum);
      ObjectNode f = arr.addObject();
      f.put("description", d.message() + (d.hint().isEmpty() ? "" : " — " + d.hint()));
      f.put("check_name", d.rule());
      f.put("fingerprint", md5(stable + "\n" + n));
      f.put("severity", d.isError() ? "major" : "minor");
      ObjectNode loc = f.putObject("location");
      loc.put("path", d.where().path());
      loc.putObject("lines").put("begin", d.where().line());
    }
    return write(arr);
  }

  private static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String write(Object node) {
    try {
      return Json.MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Escapes text for XML attributes and content, dropping characters XML 1.0 forbids. */
  static String xml(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
