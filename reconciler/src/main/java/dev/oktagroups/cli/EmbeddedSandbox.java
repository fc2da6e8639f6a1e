package dev.oktagroups.cli;

import dev.oktagroups.manifest.GroupManifest;
import dev.oktagroups.manifest.Member;
import dev.oktagroups.manifest.OrgConfig;
import dev.oktagroups.sandbox.Sandbox;
import dev.oktagroups.sandbox.SandboxConfig;
import dev.oktagroups.sandbox.Seed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Starts a sandbox org seeded for a repository: synthetic people with the catalog's attributes,
 * every person the manifests name (ACTIVE, plausible attributes), the catalog's apps with their
 * ids, and a few click-ops groups okta-groups must leave alone. What a new user reconciles first.
 */
public final class EmbeddedSandbox {
  private EmbeddedSandbox() {}

  /** How to seed. */
  public record Options(
      int port,
      int users,
      long seed,
      String token,
      double timeScale,
      boolean rateLimits,
      Consumer<String> requestLog) {
    static Options embedded() {
      return new Options(0, 1000, 42, randomToken(), 60.0, true, null);
    }
  }

  /** What was seeded, for the banner. */
  public record Seeded(Sandbox sandbox, int users, int people, int apps) {}

  static String randomToken() {
    byte[] b = new byte[20];
    new SecureRandom().nextBytes(b);
    return "00" + HexFormat.of().formatHex(b);
  }

  /** Channels every sandbox workspace has, besides those the manifests name. */
  static final List<String> USUAL_CHANNELS = List.of("general", "random", "announcements");

  /**
   * Gives each Slack app's workspace the channels its manifests name (by name; an id cannot be
   * seeded) and a few usual others, as people in a real workspace would have made them.
   */
  private static void seedChannels(
      Sandbox sandbox, OrgConfig config, List<GroupManifest> manifests) {
    for (OrgConfig.AppDef app : config.apps().values()) {
      if (app.pushType() != OrgConfig.PushType.SLACK || app.id().isEmpty()) {
        continue;
      }
      Set<String> names = new LinkedHashSet<>(USUAL_CHANNELS);
      for (GroupManifest m : manifests) {
        m.push()
            .filter(p -> p.app().equals(app.key()))
            .flatMap(p -> p.channels())
            .ifPresent(
                cs ->
                    cs.forEach(
                        c -> {
                          if (c.ref().matches("[a-z0-9_\\-]{1,80}")) {
                            names.add(c.ref());
                          }
                        }));
      }
      sandbox.addSlackChannels(app.id(), names);
    }
  }

  public static Seeded start(OrgConfig config, List<GroupManifest> manifests, Options o) {
    SandboxConfig sc =
        SandboxConfig.defaults()
            .withPort(o.port())
            .withToken(o.token())
            .withSeed(o.seed())
            .withTimeScale(o.timeScale())
            .withRateLimits(o.rateLimits())
            .withRequestLog(o.requestLog());
    Sandbox sandbox;
    try {
      sandbox = Sandbox.start(sc);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the sandbox on port " + o.port() + ": " + e.getMessage(), e);
    }
    List<Seed.Attribute> attributes = new ArrayList<>();
    config
        .attributes()
        .values()
        .forEach(a -> attributes.add(new Seed.Attribute(a.okta(), a.values())));
    List<Seed.App> apps = new ArrayList<>();
    config
        .apps()
        .values()
        .forEach(
            a ->
                apps.add(
                    new Seed.App(
                        a.id().isEmpty() ? Optional.empty() : Optional.of(a.id()),
                        a.key(),
                        a.label(),
                        a.push(),
                        switch (a.pushType()) {
                          case GOOGLE -> Seed.PushType.GOOGLE;
                          case SLACK -> Seed.PushType.SLACK;
                          case GENERIC -> Seed.PushType.GENERIC;
                        },
                        a.emailDomain())));
    Set<String> people = new LinkedHashSet<>();
    for (GroupManifest m : manifests) {
      for (Member mem : m.members()) {
        String login = mem.user().toLowerCase(Locale.ROOT);
        if (login.contains("@")) {
          people.add(login);
        }
      }
    }
    Seed.Result seeded =
        sandbox.seed(new Seed(o.users(), o.seed(), attributes, apps, 6, List.copyOf(people)));
    seedChannels(sandbox, config, manifests);
    return new Seeded(sandbox, o.users(), seeded.people(), apps.size());
  }
}
