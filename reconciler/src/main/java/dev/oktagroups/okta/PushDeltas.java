package dev.oktagroups.okta;

import dev.oktagroups.port.OktaFailure;
import dev.oktagroups.state.ActualState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The push mappings of an incremental read: each push app's mappings updated since the cached read
 * (the {@code lastUpdated} filter), merged by id into the cached ones, and a read by {@code
 * sourceGroupId} of every group whose mappings that cannot vouch for.
 *
 * <p>A deleted mapping never shows in a filtered list, and Okta logs no event for it. So a group's
 * mappings are read again when:
 *
 * <ul>
 *   <li>its {@code groupPushMappingsCount} moved since the cached read, or it now counts fewer
 *       mappings than the merged set holds for it (one of them is gone);
 *   <li>the filtered list shows a mapping of it that is new or differs from the cached one: a
 *       mapping deleted in the same window would leave the count unchanged;
 *   <li>a push-mapping event names it (a mapping created on an app outside the scope balances a
 *       deletion inside it, and the count alone cannot tell);
 *   <li>it is new since the cached read and the merged set does not hold as many as it counts.
 * </ul>
 *
 * Okta's docs do not say which statuses the count includes; a change of status shows in the
 * filtered list either way, and a deletion (the API deletes only INACTIVE or ERROR mappings) in a
 * list of the app's mappings of that status, read when the cache holds any. The mappings of a group
 * that is gone are dropped. A wrong guess costs reads, never a missed change: without a cached
 * listing time, without the stats, or for an app the cache does not hold, the app's mappings are
 * listed in full.
 */
final class PushDeltas {
  /**
   * How far before the cached listing the filter reaches. Okta's list index lags writes ("typically
   * under a second"), and the listing time is an earlier answer's Date header, so a change that the
   * cached listing missed has a {@code lastUpdated} at most a few seconds before it. The overlap is
   * generous because it is nearly free: it only lists again, on the same page, the mappings changed
   * just before; those equal to the cached ones cost no further read.
   */
  static final Duration OVERLAP = Duration.ofMinutes(5);

  /**
   * What the cached read knew of push mappings.
   *
   * @param mappings the cached mappings, by app id
   * @param stamps the cached groups' stamps, with their {@code groupPushMappingsCount}
   * @param listedAt Okta's time at or before which the cached mappings were listed; empty for a
   *     cache without it (written by an older okta-groups)
   */
  record Cached(
      Map<String, List<ActualState.Mapping>> mappings,
      Map<String, ReadCache.Stamp> stamps,
      Optional<Instant> listedAt) {}

  /**
   * What the read found and cost.
   *
   * @param mappings by app id
   * @param listedAt Okta's time at or before which these mappings were listed, for the next read
   * @param filtered apps whose mappings were listed with the {@code lastUpdated} filter
   * @param fullLists apps whose mappings were listed in full
   * @param statusLists lists of one app's INACTIVE or ERROR mappings, to see deletions
   * @param reread groups whose mappings were read again by {@code sourceGroupId}
   */
  record Result(
      Map<String, List<ActualState.Mapping>> mappings,
      Optional<Instant> listedAt,
      int filtered,
      int fullLists,
      int statusLists,
      int reread) {}

  private final Lists lists;

  PushDeltas(Lists lists) {
    this.lists = lists;
  }

  /**
   * The mappings of {@code pushApps} (those in {@code missing} skipped; an app Okta no longer has
   * is added to it).
   *
   * @param groups every group Okta lists now
   * @param stamps their stamps now
   * @param pushGroups groups that push-mapping events since the cached read name
   * @param cached what the cached read knew; empty for a full read
   */
  Result read(
      Set<String> pushApps,
      Set<String> missing,
      Map<String, ActualState.Group> groups,
      Map<String, ReadCache.Stamp> stamps,
      Set<String> pushGroups,
      Optional<Cached> cached) {
    // Taken before the first mapping page is asked for: every change the lists below miss is
    // stamped later than the answer this Date header came with.
    Optional<Instant> listedAt = lists.calls().oktaNow();
    Optional<Cached> usable =
        cached.filter(
            c ->
                c.listedAt().isPresent()
                    && stamps.values().stream().allMatch(s -> s.pushMappingsCount() >= 0));
    Merge merge = new Merge();
    merge.reread.addAll(pushGroups);
    for (String appId : new TreeSet<>(pushApps)) {
      if (!missing.contains(appId)) {
        listApp(appId, usable, groups, missing, merge);
      }
    }
    usable.ifPresent(c -> merge.reread.addAll(countsMoved(c.stamps(), stamps, merge.byApp)));
    merge.reread.retainAll(groups.keySet());
    if (merge.filtered.isEmpty()) {
      merge.reread.clear(); // every app was listed in full: nothing to read again
    }
    for (String appId : merge.filtered) {
      reread(appId, merge, missing);
    }
    Map<String, List<ActualState.Mapping>> out = new LinkedHashMap<>();
    merge.byApp.forEach(
        (appId, ms) -> {
          List<ActualState.Mapping> list = new ArrayList<>(ms.values());
          if (merge.filtered.contains(appId)) {
            // Merged from several lists: in id order, as the full list comes.
            list.sort(Comparator.comparing(ActualState.Mapping::id));
          }
          out.put(appId, list);
        });
    merge.filtered.retainAll(out.keySet());
    return new Result(
        out,
        listedAt,
        merge.filtered.size(),
        merge.fullLists,
        merge.statusLists,
        merge.reread.size());
  }

  /** The mappings one read is merging, and what it cost so far. */
  private static final class Merge {
    final Map<String, Map<String, ActualState.Mapping>> byApp = new LinkedHashMap<>();
    final Set<String> filtered = new TreeSet<>();
    final Set<String> reread = new TreeSet<>();
    int fullLists;
    int statusLists;
  }

  /**
   * One app's mappings: filtered and merged into the cached ones when the cache holds the app, else
   * listed in full; notes the groups whose filtered mappings are new or changed.
   */
  private void listApp(
      String appId,
      Optional<Cached> usable,
      Map<String, ActualState.Group> groups,
      Set<String> missing,
      Merge merge) {
    List<ActualState.Mapping> held = usable.map(c -> c.mappings().get(appId)).orElse(null);
    Optional<List<ActualState.Mapping>> listed =
        held == null
            ? list(appId, Map.of(), missing)
            : list(appId, Map.of("lastUpdated", since(usable.get())), missing);
    if (listed.isEmpty()) {
      return;
    }
    Map<String, ActualState.Mapping> merged = new LinkedHashMap<>();
    if (held == null) {
      merge.fullLists++;
    } else {
      merge.filtered.add(appId);
      held.forEach(m -> merged.put(m.id(), m));
      for (ActualState.Mapping m : listed.get()) {
        if (!m.equals(merged.get(m.id()))) {
          merge.reread.add(m.sourceGroupId());
        }
      }
      if (!checkStatuses(appId, held, listed.get(), missing, merge)) {
        merge.filtered.remove(appId); // the app is gone
        return;
      }
    }
    listed.get().forEach(m -> merged.put(m.id(), m));
    // A deleted group's mappings go with it.
    merged.values().removeIf(m -> !groups.containsKey(m.sourceGroupId()));
    merge.byApp.put(appId, merged);
  }

  /**
   * Only INACTIVE (and, since 2026.07, ERROR) mappings may be deleted through the API, and Okta's
   * docs do not say whether {@code groupPushMappingsCount} counts them. So when the cache holds
   * mappings of such a status on an app, that app's mappings of each such status are listed too
   * (one page each, and only then), and a group is read again when a held mapping of that status is
   * not in the list, or a listed one is neither held nor in the filtered list (the index lagged). A
   * held mapping of a status Okta cannot filter by has its group read again. Returns false when the
   * app is gone.
   */
  private boolean checkStatuses(
      String appId,
      List<ActualState.Mapping> held,
      List<ActualState.Mapping> filtered,
      Set<String> missing,
      Merge merge) {
    Set<String> seen = new HashSet<>();
    filtered.forEach(m -> seen.add(m.id()));
    Map<ActualState.MappingStatus, List<ActualState.Mapping>> byStatus = new TreeMap<>();
    for (ActualState.Mapping m : held) {
      if (m.status() != ActualState.MappingStatus.ACTIVE && !seen.contains(m.id())) {
        byStatus.computeIfAbsent(m.status(), k -> new ArrayList<>()).add(m);
      }
    }
    Set<String> heldIds = new HashSet<>();
    held.forEach(m -> heldIds.add(m.id()));
    for (Map.Entry<ActualState.MappingStatus, List<ActualState.Mapping>> e : byStatus.entrySet()) {
      if (e.getKey() == ActualState.MappingStatus.UNKNOWN) {
        e.getValue().forEach(m -> merge.reread.add(m.sourceGroupId()));
        continue;
      }
      Optional<List<ActualState.Mapping>> now =
          list(appId, Map.of("status", e.getKey().name()), missing);
      if (now.isEmpty()) {
        return false;
      }
      merge.statusLists++;
      Set<String> there = new HashSet<>();
      for (ActualState.Mapping m : now.get()) {
        there.add(m.id());
        if (!heldIds.contains(m.id()) && !seen.contains(m.id())) {
          merge.reread.add(m.sourceGroupId());
        }
      }
      e.getValue().stream()
          .filter(m -> !there.contains(m.id()))
          .forEach(m -> merge.reread.add(m.sourceGroupId()));
    }
    return true;
  }

  /** Replaces the merged mappings of each group to read again with a read by sourceGroupId. */
  private void reread(String appId, Merge merge, Set<String> missing) {
    Map<String, ActualState.Mapping> merged = merge.byApp.get(appId);
    for (String gid : merge.reread) {
      Optional<List<ActualState.Mapping>> from = list(appId, Map.of("sourceGroupId", gid), missing);
      if (from.isEmpty()) {
        merge.byApp.remove(appId); // the app is gone
        return;
      }
      merged.values().removeIf(m -> m.sourceGroupId().equals(gid));
      from.get().forEach(m -> merged.put(m.id(), m));
    }
  }

  /** The filter's time: the cached listing less the overlap, in whole seconds as Okta takes it. */
  private static String since(Cached c) {
    return c.listedAt().orElseThrow().minus(OVERLAP).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * Groups whose {@code groupPushMappingsCount} moved since the cached read, or that count fewer
   * mappings than the merged set holds, or that are new and count other than it holds.
   */
  private static Set<String> countsMoved(
      Map<String, ReadCache.Stamp> was,
      Map<String, ReadCache.Stamp> now,
      Map<String, Map<String, ActualState.Mapping>> byApp) {
    Map<String, Integer> held = new HashMap<>();
    byApp
        .values()
        .forEach(ms -> ms.values().forEach(m -> held.merge(m.sourceGroupId(), 1, Integer::sum)));
    Set<String> out = new TreeSet<>();
    now.forEach(
        (gid, is) -> {
          ReadCache.Stamp before = was.get(gid);
          int h = held.getOrDefault(gid, 0);
          boolean moved =
              before == null
                  ? h != is.pushMappingsCount()
                  : before.pushMappingsCount() != is.pushMappingsCount()
                      || h > is.pushMappingsCount();
          if (moved) {
            out.add(gid);
          }
        });
    return out;
  }

  /** One app's mappings with {@code filter}; empty, and the app noted missing, when it is gone. */
  private Optional<List<ActualState.Mapping>> list(
      String appId, Map<String, Object> filter, Set<String> missing) {
    try {
      return Optional.of(lists.mappings(appId, filter));
    } catch (OktaFailure f) {
      if (f.status() != 404) {
        throw f;
      }
      missing.add(appId);
      return Optional.empty();
    }
  }
}
