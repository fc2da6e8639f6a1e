package dev.oktagroups.okta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.model.AddGroupRequest;
import com.okta.sdk.resource.model.OktaUserGroupProfile;
import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.port.OrgLease;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lease as an OKTA_GROUP with a fixed name, {@value #NAME}. Group names are unique, so one
 * create succeeds; the description says who holds it and until when. The name has hyphens, which
 * manifest names never do, and the group carries no ownership marker: no plan ever names, adopts or
 * deletes it.
 */
final class OktaLease implements OrgLease {
  /** The lease group's name. */
  static final String NAME = "okta-groups-lease";

  private static final Pattern DESCRIPTION =
      Pattern.compile("okta-groups apply lease: held by (.*) until (\\S+)");

  private final Calls calls;
  private final GroupApi groups;
  private Optional<String> taken = Optional.empty();

  OktaLease(Calls calls) {
    this.calls = calls;
    this.groups = new GroupApi(calls.client());
  }

  static String description(String holder, Instant expires) {
    return "okta-groups apply lease: held by " + holder + " until " + expires;
  }

  /**
   * Looks before it creates: while another writer holds the lease, a wait costs one search per
   * look, and the create is sent only when no lease shows. A lease that names this holder is ours:
   * the answer to an earlier create of ours was lost, so the look at its outcome found nothing (a
   * search lags behind a write), and it is taken now instead of being waited for until it expires.
   */
  @Override
  public synchronized Optional<Held> tryTake(String holder, Instant expires) {
    // Look before creating: while another writer holds the lease, each look costs one search.
    Optional<Held> seen = current();
    if (seen.isEmpty()) {
      AtomicReference<Held> other = new AtomicReference<>();
      try {
        String id = create(holder, expires, other);
        if (!id.isEmpty()) {
          taken = Optional.of(id);
          return Optional.empty();
        }
        seen = Optional.of(other.get());
      } catch (OktaFailure f) {
        if (f.status() != 400 || !ApiErrors.alreadyExists(f)) {
          throw f;
        }
        seen = current();
      }
    }
    if (seen.isPresent() && seen.get().holder().equals(holder)) {
      // Ours: an earlier create's answer was lost, and the look at its outcome came before
      // searches showed it. Waiting for it would wait for ourselves until it expired.
      taken = Optional.of(seen.get().id());
      return Optional.empty();
    }
    // Okta says the name is taken, yet no search shows it: released just now, or made so recently
    // that searches do not show it yet. The next look tells.
    return Optional.of(seen.orElse(new Held("", UNSEEN, expires)));
  }

  /** The holder of a lease whose group exists but does not show in searches yet. */
  static final String UNSEEN = "a writer whose lease Okta's search does not show yet";

  /**
   * Creates the lease group; returns its id, or "" when the look at a lost or refused create found
   * another writer's lease, which is then in {@code other}.
   */
  private String create(String holder, Instant expires, AtomicReference<Held> other) {
    OktaUserGroupProfile p =
        new OktaUserGroupProfile().name(NAME).description(description(holder, expires));
    return calls.create(
        "POST /api/v1/groups",
        () -> groups.addGroup(new AddGroupRequest().profile(p)).getId(),
        // A lost answer to our own create: the group says we hold it. Another writer's lease
        // ends the looking at once; only a lease no search shows yet is looked for again.
        () ->
            current()
                .map(
                    h -> {
                      if (h.holder().equals(holder)) {
                        return h.id();
                      }
                      other.set(h);
                      return "";
                    }));
  }

  @Override
  public synchronized void renew(String holder, Instant expires) {
    String id = taken.orElseThrow(() -> new IllegalStateException("renew before take"));
    OktaUserGroupProfile p =
        new OktaUserGroupProfile().name(NAME).description(description(holder, expires));
    calls.run(
        "PUT /api/v1/groups/{id}",
        Calls.Retry.IDEMPOTENT,
        () -> groups.replaceGroup(id, new AddGroupRequest().profile(p)));
  }

  @Override
  public void breakStale(Held stale) {
    if (!stale.id().isEmpty()) {
      delete(stale.id());
    }
  }

  @Override
  public synchronized void release() {
    taken.ifPresent(this::delete);
    taken = Optional.empty();
  }

  private void delete(String id) {
    try {
      calls.run(
          "DELETE /api/v1/groups/{id}",
          Calls.Retry.IDEMPOTENT,
          () -> {
            groups.deleteGroup(id);
            return null;
          });
    } catch (OktaFailure f) {
      if (f.status() != 404) {
        throw f;
      }
    }
  }

  /** The lease group as Okta has it now, if there is one. */
  private Optional<Held> current() {
    List<JsonNode> found =
        calls.run(
            "GET /api/v1/groups",
            Calls.Retry.IDEMPOTENT,
            () ->
                new Lists(calls)
                    .invoke(
                        "/api/v1/groups",
                        "GET",
                        Lists.query("q", NAME, "limit", 20),
                        null,
                        new TypeReference<List<JsonNode>>() {}));
    for (JsonNode g : found) {
      if (NAME.equals(g.path("profile").path("name").asText())) {
        return Optional.of(parse(g.path("id").asText(), g.path("profile").path("description")));
      }
    }
    return Optional.empty();
  }

  /** An unreadable description counts as expired: a lease nobody can renew is broken. */
  static Held parse(String id, JsonNode description) {
    Matcher m = DESCRIPTION.matcher(description.asText(""));
    if (m.matches()) {
      try {
        return new Held(id, m.group(1), Instant.parse(m.group(2)));
      } catch (DateTimeParseException e) {
        // fall through
      }
    }
    return new Held(id, "an unreadable lease (" + description.asText("") + ")", Instant.EPOCH);
  }
}
