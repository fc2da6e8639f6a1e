package dev.oktagroups.arch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the "May import:" sentence of every {@code package-info.java}, so the package rules have
 * one source: the sentence a reader sees is the rule the build enforces.
 *
 * <p>The sentence names packages of this project as <code>{@literal {@code name}}</code> (relative
 * to {@code dev.oktagroups}, that package only, not its subpackages) or a single class as <code>
 * {@literal {@code manifest.Kind}}</code>, and libraries by the words in {@link #LIBRARIES}.
 * Parenthesised remarks are ignored. {@code java.*} is always allowed.
 */
final class PackageRules {
  static final String ROOT = "dev.oktagroups";

  /** The words a sentence may use for a library, and the packages each allows. */
  static final Map<String, List<String>> LIBRARIES =
      Map.ofEntries(
          Map.entry("the JDK", List.of("java..", "javax..", "jdk..", "com.sun.net.httpserver..")),
          Map.entry("Jackson", List.of("com.fasterxml.jackson..")),
          Map.entry("Jackson annotations", List.of("com.fasterxml.jackson.annotation..")),
          Map.entry("okta-sdk-java", List.of("com.okta..")),
          Map.entry("JGit", List.of("org.eclipse.jgit..")),
          Map.entry("everit", List.of("org.everit..")),
          Map.entry("org.json", List.of("org.json..")),
          Map.entry("SnakeYAML", List.of("org.yaml.snakeyaml..")),
          Map.entry("picocli", List.of("picocli..")),
          // The SDK's SlackApiException hands out OkHttp's response, whose status and Retry-After
          // header a rate-limited call reads.
          Map.entry("Slack's SDK", List.of("com.slack.api..", "okhttp3..")));

  /** Stands for every package of the reconciler module (not the sandbox's). */
  static final String EVERY_RECONCILER_PACKAGE = "every package of the reconciler";

  private static final Pattern SENTENCE =
      Pattern.compile("May import:(.*?)\\.(\\s|$)", Pattern.DOTALL);
  private static final Pattern CODE = Pattern.compile("\\{@code ([A-Za-z.]+)}");

  private PackageRules() {}

  /**
   * One package's rule.
   *
   * @param pkg the package
   * @param allowed ArchUnit package identifiers it may depend on, besides itself
   * @param classes single classes of another package it may use (with their nested classes)
   * @param everyReconcilerPackage whether it may use all of the reconciler's packages
   */
  record Rule(
      String pkg, Set<String> allowed, Set<String> classes, boolean everyReconcilerPackage) {}

  /** The rules of every package-info under {@code sourceRoot}, by package. */
  static Map<String, Rule> read(Path sourceRoot) {
    Map<String, Rule> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      for (Path f : files.filter(p -> p.endsWith("package-info.java")).toList()) {
        String pkg = sourceRoot.relativize(f.getParent()).toString().replace('/', '.');
        out.put(pkg, parse(pkg, Files.readString(f, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Parses one package-info's text. Unknown words fail loudly: a rule must mean something. */
  static Rule parse(String pkg, String javadoc) {
    String text = javadoc.replaceAll("(?m)^\\s*\\*", " ").replaceAll("\\s+", " ");
    Matcher m = SENTENCE.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException(pkg + ": its package-info has no 'May import:' sentence");
    }
    String sentence = m.group(1).replaceAll("\\([^)]*\\)", " ");
    Set<String> allowed = new LinkedHashSet<>(List.of("java.."));
    Set<String> classes = new LinkedHashSet<>();
    boolean every = false;
    List<String> unknown = new ArrayList<>();
    for (String raw : sentence.split(",|\\band\\b|;")) {
      String item = raw.trim().replaceAll("\\s+only$", "").trim();
      if (item.isEmpty()) {
        continue;
      }
      Matcher code = CODE.matcher(item);
      if (code.find()) {
        String name = code.group(1).replaceFirst("^" + Pattern.quote(ROOT + "."), "");
        String last = name.substring(name.lastIndexOf('.') + 1);
        if (Character.isUpperCase(last.charAt(0))) {
          classes.add(ROOT + "." + name); // one class, e.g. manifest.Kind
        } else {
          allowed.add(ROOT + "." + name);
        }
      } else if (item.equals(EVERY_RECONCILER_PACKAGE)) {
        every = true;
      } else if (LIBRARIES.containsKey(item)) {
        allowed.addAll(LIBRARIES.get(item));
      } else {
        unknown.add(item);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          pkg
              + ": 'May import:' names "
              + unknown
              + ", which the rules do not know; use {@code name} for a package of this project or one of "
              + LIBRARIES.keySet());
    }
    return new Rule(pkg, allowed, classes, every);
  }
}
