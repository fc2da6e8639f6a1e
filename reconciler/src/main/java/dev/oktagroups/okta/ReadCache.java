package dev.oktagroups.okta;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktagroups.state.ActualState;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The last state read from one org, kept so the next read can ask Okta only what changed: each
 * group's change stamps, the System Log cursor taken before that read, and the state itself.
 *
 * <p>It is a hint, never the truth: a cache that is missing, unreadable, of another schema version
 * or of another org is ignored with a one-line notice, and the read is then a full one.
 *
 * @param schemaVersion {@link #SCHEMA}; any other is ignored
 * @param orgUrl the org it was read from
 * @param orgIdentity the Everyone group's id and creation time: tells two orgs at one URL apart
 * @param readAt when the read began, as an ISO instant (this machine's clock)
 * @param logAfter the System Log cursor, taken before the read began
 * @param mappingsAt Okta's time, as an ISO instant, at or before which the push mappings were
 *     listed (an earlier answer's Date header); null when unknown, or in a cache written before it
 *     was kept, and then the next read lists every push mapping in full
 * @param stamps each group's change stamps, by group id
 * @param snapshot what the read returned, each person's profile kept once
 */
record ReadCache(
    int schemaVersion,
    String orgUrl,
    String orgIdentity,
    String readAt,
    String logAfter,
    String mappingsAt,
    Map<String, Stamp> stamps,
    Snapshot snapshot) {

  /** A cache of {@code state}. */
  static ReadCache of(
      String orgUrl,
      String orgIdentity,
      String readAt,
      String logAfter,
      Optional<Instant> mappingsAt,
      Map<String, Stamp> stamps,
      ActualState state) {
    return new ReadCache(
        SCHEMA,
        orgUrl,
        orgIdentity,
        readAt,
        logAfter,
        mappingsAt.map(Instant::toString).orElse(null),
        stamps,
        Snapshot.of(state));
  }

  /** When the cached push mappings were listed, by Okta's clock; empty when unknown. */
  Optional<Instant> mappingsListedAt() {
    try {
      return Optional.ofNullable(mappingsAt).map(Instant::parse);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The state the cache holds. */
  ActualState state() {
    return snapshot.state();
  }

  /**
   * An {@link ActualState} as stored: people belong to many groups, so each member refers to one
   * shared profile instead of carrying a copy (at 5,000 groups, copies would be most of the file
   * and, read back, of the heap).
   */
  record Snapshot(
      boolean markerAttributeDefined,
      Map<String, ActualState.Group> groups,
      Map<String, ActualState.Rule> rules,
      Map<String, Map<String, Ref>> members,
      Map<String, Map<String, Object>> profiles,
      Map<String, Map<String, ActualState.Assignment>> assignments,
      Map<String, List<ActualState.Mapping>> mappings,
      Map<String, ActualState.User> users,
      Set<String> missingApps) {

    /** A member without their profile, which is in {@code profiles}. */
    record Ref(String login, String email, String status, ActualState.Via via) {}

    static Snapshot of(ActualState a) {
      Map<String, Map<String, Ref>> members = new LinkedHashMap<>();
      Map<String, Map<String, Object>> profiles = new LinkedHashMap<>();
      a.members()
          .forEach(
              (gid, ms) -> {
                Map<String, Ref> refs = new LinkedHashMap<>();
                ms.forEach(
                    (uid, m) -> {
                      refs.put(uid, new Ref(m.login(), m.email(), m.status(), m.via()));
                      profiles.putIfAbsent(uid, m.profile());
                    });
                members.put(gid, refs);
              });
      return new Snapshot(
          a.markerAttributeDefined(),
          a.groups(),
          a.rules(),
          members,
          profiles,
          a.assignments(),
          a.mappings(),
          a.users(),
          a.missingApps());
    }

    ActualState state() {
      Map<String, Map<String, ActualState.Member>> out = new LinkedHashMap<>();
      members.forEach(
          (gid, refs) -> {
            Map<String, ActualState.Member> ms = new LinkedHashMap<>();
            refs.forEach(
                (uid, r) ->
                    ms.put(
                        uid,
                        new ActualState.Member(
                            uid,
                            r.login(),
                            r.email(),
                            r.status(),
                            r.via(),
                            profiles.getOrDefault(uid, Map.of()))));
            out.put(gid, ms);
          });
      return new ActualState(
          markerAttributeDefined,
          groups,
          rules,
          out,
          assignments,
          mappings,
          users,
          missingApps == null ? Set.of() : missingApps);
    }
  }

  static final int SCHEMA = 1;
  static final String FILE = "read-cache.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * What the group list says about a group's change: its timestamps (compared as Okta spells them,
   * never against this machine's clock) and its {@code _embedded.stats}.
   */
  record Stamp(
      String lastUpdated,
      String lastMembershipUpdated,
      int usersCount,
      int appsCount,
      int pushMappingsCount) {}

  /** The cache in {@code dir} for {@code orgUrl}, when there is one to trust. */
  static Optional<ReadCache> load(Path dir, String orgUrl, Consumer<String> notice) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      notice.accept("no read cache in " + dir);
      return Optional.empty();
    }
    ReadCache c;
    try {
      c = JSON.readValue(file.toFile(), ReadCache.class);
    } catch (IOException | RuntimeException e) {
      notice.accept("ignoring the read cache " + file + ": it cannot be read");
      return Optional.empty();
    }
    if (c.schemaVersion() != SCHEMA) {
      notice.accept(
          "ignoring the read cache "
              + file
              + ": schema version "
              + c.schemaVersion()
              + ", not "
              + SCHEMA);
      return Optional.empty();
    }
    if (c.orgUrl() == null || !c.orgUrl().equals(orgUrl)) {
      notice.accept(
          "ignoring the read cache " + file + ": it is of another org (" + c.orgUrl() + ")");
      return Optional.empty();
    }
    try {
      Instant.parse(String.valueOf(c.readAt()));
    } catch (RuntimeException e) {
      notice.accept("ignoring the read cache " + file + ": it is incomplete");
      return Optional.empty();
    }
    if (c.logAfter() == null
        || c.logAfter().isBlank()
        || c.stamps() == null
        || c.snapshot() == null
        || c.snapshot().members() == null) {
      notice.accept("ignoring the read cache " + file + ": it is incomplete");
      return Optional.empty();
    }
    return Optional.of(c);
  }

  /** Writes the cache atomically: a reader sees the old file or the new one, never a torn one. */
  void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, FILE, ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), this);
      try {
        Files.move(
            tmp,
            dir.resolve(FILE),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The cache's age at {@code now}. */
  Duration age(Instant now) {
    return Duration.between(Instant.parse(readAt), now);
  }
}
