package dev.oktagroups.sandbox;

import dev.oktagroups.sandbox.org.App;
import dev.oktagroups.sandbox.org.Org;
import dev.oktagroups.sandbox.org.Seeder;
import dev.oktagroups.sandbox.org.User;
import java.util.List;
import java.util.Optional;

/** Carries a {@link Seed} out on an org, through the org's own seeder. */
final class Seeding {
  private Seeding() {}

  /** Seeds {@code seed} into {@code org} as one operation under the org lock. */
  static Seed.Result apply(Org org, Seed seed) {
    return org.unlogged(
        () -> {
          List<Seeder.Attribute> attributes =
              seed.attributes().stream()
                  .map(a -> new Seeder.Attribute(a.okta(), a.values()))
                  .toList();
          List<Seeder.AppSpec> apps = seed.apps().stream().map(Seeding::appSpec).toList();
          int users =
              Seeder.seed(
                  org,
                  new Seeder.Spec(
                      seed.users(), seed.seed(), attributes, apps, seed.legacyGroups()));
          int created = 0;
          for (String login : seed.people()) {
            Optional<User> existing = org.findUser(login);
            if (existing.isEmpty()) {
              Seeder.person(org, login, seed.seed(), attributes);
              created++;
            } else if (existing.get().status() != User.Status.ACTIVE) {
              // A synthetic person who happens to share the login: whoever named them expects them
              // active.
              org.activateUser(existing.get().id());
            }
          }
          return new Seed.Result(users, created);
        });
  }

  private static Seeder.AppSpec appSpec(Seed.App a) {
    App.PushType type =
        switch (a.pushType()) {
          case GOOGLE -> App.PushType.GOOGLE;
          case SLACK -> App.PushType.SLACK;
          case GENERIC -> App.PushType.GENERIC;
        };
    return new Seeder.AppSpec(
        a.id().orElse(null), a.name(), a.label(), a.push(), type, a.emailDomain().orElse(null));
  }
}
