package dev.oktagroups.reconcile;

import dev.oktagroups.apply.Executor;
import dev.oktagroups.compile.Compiler;
import dev.oktagroups.importer.Importer;
import dev.oktagroups.plan.Impact;
import dev.oktagroups.plan.Plan;
import dev.oktagroups.plan.Planner;
import dev.oktagroups.port.OktaReader;
import dev.oktagroups.port.OktaWriter;
import dev.oktagroups.port.OrgLease;
import dev.oktagroups.port.OrgReader;
import dev.oktagroups.port.SlackReader;
import dev.oktagroups.port.SlackWriter;
import dev.oktagroups.port.UserDirectory;
import dev.oktagroups.source.RepoSnapshot;
import dev.oktagroups.state.ActualState;
import dev.oktagroups.state.Assumed;
import dev.oktagroups.state.DesiredState;
import dev.oktagroups.state.Person;
import dev.oktagroups.state.SlackState;
import dev.oktagroups.validate.ValidationResult;
import dev.oktagroups.validate.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The stages of a reconcile, in order. Each is a function of what the one before returned; Okta is
 * reached only through the {@code port} reader and writer handed in.
 */
public final class Pipeline {
  /** The org URL an offline plan records; {@link #check} and apply refuse such plans. */
  public static final String OFFLINE = "offline";

  private Pipeline() {}

  /** Validate only: every finding in the repository, for {@code validate} and its reports. */
  public static ValidationResult validate(RepoSnapshot snapshot, LocalDate today) {
    return new Validator(today).validate(snapshot);
  }

  /**
   * Load, validate and compile. Manifests with errors are never compiled, so never planned.
   *
   * @param today the date expiries are judged against
   */
  public static Preparation prepare(RepoSnapshot snapshot, LocalDate today) {
    ValidationResult v = validate(snapshot, today);
    if (v.hasErrors()) {
      return new Preparation.Invalid(snapshot, v);
    }
    DesiredState desired = Compiler.compile(v.config(), v.manifests(), today);
    return new Preparation.Prepared(snapshot, v, desired);
  }

  /**
   * Read what the manifests name, plan, and check the safety rails.
   *
   * @param progress hears a line now and then while a long read runs
   * @throws dev.oktagroups.port.OktaFailure when Okta cannot be read
   */
  public static Planned plan(
      Preparation.Prepared p,
      OktaReader reader,
      Policy policy,
      String orgUrl,
      Instant now,
      Consumer<String> progress) {
    ActualState actual = reader.read(Planner.scope(p.desired()), progress);
    return Rails.planAgainst(
        p, actual, policy, orgUrl, now, Impact.unknown("this run did not read the user directory"));
  }

  /**
   * Read, plan, compute the impact on people, and check the safety rails, the loss cap included.
   * The impact reads the directory once per group whose rule the plan creates or edits, with the
   * rule's selector as a search filter.
   *
   * @throws dev.oktagroups.port.OktaFailure when Okta cannot be read
   */
  public static Planned plan(
      Preparation.Prepared p,
      OktaReader reader,
      UserDirectory directory,
      Policy policy,
      String orgUrl,
      Instant now,
      Consumer<String> progress) {
    return plan(p, reader, SlackReader.NONE, directory, policy, orgUrl, now, progress);
  }

  /**
   * As {@link #plan(Preparation.Prepared, OktaReader, UserDirectory, Policy, String, Instant,
   * Consumer)}, reading Slack too, once, for the channel links the manifests list.
   *
   * @throws dev.oktagroups.port.SlackFailure when Slack cannot be read
   */
  public static Planned plan(
      Preparation.Prepared p,
      OktaReader reader,
      SlackReader slack,
      UserDirectory directory,
      Policy policy,
      String orgUrl,
      Instant now,
      Consumer<String> progress) {
    ActualState actual =
        withSlack(reader.read(Planner.scope(p.desired()), progress), p.desired(), slack, progress);
    Plan draft = Rails.draft(p, actual, policy, orgUrl, now);
    return Rails.impactAndRails(draft, p.desired(), actual, directory, policy, now, progress);
  }

  /** {@code actual} with Slack read once, when the manifests in {@code desired} link channels. */
  static ActualState withSlack(
      ActualState actual, DesiredState desired, SlackReader slack, Consumer<String> progress) {
    List<SlackState.Wanted> wanted = Planner.slackScope(desired);
    return wanted.isEmpty() ? actual : actual.withSlack(slack.read(wanted, progress));
  }

  /**
   * Plan only the groups {@code touched} names: the groups a commit range changed, added or
   * deleted. The read costs a few requests per touched group instead of one per group in the org;
   * drift elsewhere is left to a full plan. When the rails refuse the scoped plan (a fraction cap
   * whose base the scoped read cannot see, for one), the full plan decides instead, so a scoped
   * plan is never refused where a full one would pass.
   *
   * @param touched group names; empty plans nothing beyond the setup and the touched sweep
   * @throws dev.oktagroups.port.OktaFailure when Okta cannot be read
   */
  public static Planned planTouched(
      Preparation.Prepared p,
      Set<String> touched,
      OktaReader reader,
      UserDirectory directory,
      Policy policy,
      String orgUrl,
      Instant now,
      Consumer<String> progress) {
    return planTouched(
        p, touched, reader, SlackReader.NONE, directory, policy, orgUrl, now, progress);
  }

  /**
   * As {@link #planTouched(Preparation.Prepared, Set, OktaReader, UserDirectory, Policy, String,
   * Instant, Consumer)}, reading Slack too, once, for the channel links the touched manifests list.
   *
   * @throws dev.oktagroups.port.SlackFailure when Slack cannot be read
   */
  public static Planned planTouched(
      Preparation.Prepared p,
      Set<String> touched,
      OktaReader reader,
      SlackReader slack,
      UserDirectory directory,
      Policy policy,
      String orgUrl,
      Instant now,
      Consumer<String> progress) {
    Planned planned =
        ScopedPlan.plan(p, touched, reader, slack, directory, policy, orgUrl, now, progress);
    if (!planned.refused()) {
      return planned;
    }
    progress.accept(
        "the plan of the touched groups was refused ("
            + planned.refusals().get(0).rule()
            + "); planning the whole org instead");
    return plan(p, reader, slack, directory, policy, orgUrl, now, progress);
  }

  /**
   * The plan a run asks for: of the {@code touched} groups when it names them ({@link
   * #planTouched(Preparation.Prepared, Set, OktaReader, SlackReader, UserDirectory, Policy, String,
   * Instant, Consumer)}), else of the whole org ({@link #plan(Preparation.Prepared, OktaReader,
   * SlackReader, UserDirectory, Policy, String, Instant, Consumer)}).
   *
   * @throws dev.oktagroups.port.OktaFailure when Okta cannot be read
   * @throws dev.oktagroups.port.SlackFailure when Slack cannot be read
   */
  public static Planned plan(
      Preparation.Prepared p,
      Optional<Set<String>> touched,
      OktaReader reader,
      SlackReader slack,
      UserDirectory directory,
      Policy policy,
      String orgUrl,
      Instant now,
      Consumer<String> progress) {
    return touched.isPresent()
        ? planTouched(p, touched.get(), reader, slack, directory, policy, orgUrl, now, progress)
        : plan(p, reader, slack, directory, policy, orgUrl, now, progress);
  }

  /**
   * Import: read the whole org and draft manifests for the groups no manifest names. Writes
   * nothing; the caller writes {@link Importer.Result#files()} unless it is a dry run.
   *
   * @param progress hears a line now and then while the read runs
   * @throws dev.oktagroups.port.OktaFailure when Okta cannot be read
   */
  public static Importer.Result importOrg(
      Preparation.Prepared p,
      OrgReader reader,
      Importer.Options options,
      LocalDate today,
      Consumer<String> progress) {
    ActualState org = reader.readOrg(Planner.scope(p.desired()), progress);
    progress.accept("drafting manifests for " + org.groups().size() + " groups");
    return Importer.run(p.snapshot(), org, options, today);
  }

  /**
   * Plan without reading Okta, assuming Okta matches {@code base} (the manifests the target branch
   * has, so already applied), or an empty org when there is no base. Such a plan is for review: it
   * records {@link #OFFLINE} as its org, and apply refuses it.
   */
  public static Planned planOffline(
      Preparation.Prepared p, Optional<Preparation.Prepared> base, Policy policy, Instant now) {
    DesiredState applied = base.map(Preparation.Prepared::desired).orElse(empty(p.desired()));
    Set<String> people = new TreeSet<>();
    for (DesiredState d : List.of(p.desired(), applied)) {
      d.groups()
          .values()
          .forEach(
              g -> {
                g.members().forEach(m -> people.add(m.user()));
                g.expired().forEach(m -> people.add(m.user()));
              });
    }
    return Rails.planAgainst(
        p,
        Assumed.after(applied, people),
        policy,
        OFFLINE,
        now,
        Impact.unknown(
            "it needs Okta access, and an offline plan cannot see who the rules select or who is"
                + " a member now"));
  }

  /** Okta for an access review: the reader, the directory, the run's policy and the org. */
  public record Online(OktaReader reader, UserDirectory directory, Policy policy, String orgUrl) {}

  /**
   * Why {@code user} is in each group, now and after the pending plan. Offline (no {@code okta}),
   * from the manifests alone.
   */
  public static Review.Explanation explain(
      Preparation.Prepared p,
      Optional<Online> okta,
      String user,
      Instant now,
      Consumer<String> progress) {
    if (okta.isEmpty()) {
      return Review.explain(new Review.Known(p, Optional.empty()), user, Optional.empty());
    }
    Online o = okta.get();
    Optional<Person> person =
        o.directory().search(Review.personSearch(user), progress).stream()
            .filter(x -> x.login().equalsIgnoreCase(user) || x.email().equalsIgnoreCase(user))
            .findFirst();
    Planned planned = plan(p, o.reader(), o.directory(), o.policy(), o.orgUrl(), now, progress);
    return Review.explain(new Review.Known(p, Optional.of(planned)), user, person);
  }

  /**
   * Everyone who has the catalog app {@code appKey} through groups, with the path for each.
   * Offline, from the manifests alone.
   */
  public static Review.Access access(
      Preparation.Prepared p,
      Optional<Online> okta,
      String appKey,
      Instant now,
      Consumer<String> progress) {
    Optional<Planned> planned =
        okta.map(o -> plan(p, o.reader(), o.directory(), o.policy(), o.orgUrl(), now, progress));
    return Review.access(new Review.Known(p, planned), appKey);
  }

  /**
   * Named entries whose access ends within {@code days} of {@code today}, and those already past.
   * With {@code okta}, each says what Okta holds for the person (still a member, already gone,
   * deactivated); the read covers only those groups and people, and no apps. Offline, from the
   * manifests alone.
   */
  public static List<Expiries.Expiring> expiring(
      Preparation.Prepared p,
      Optional<Online> okta,
      LocalDate today,
      long days,
      Consumer<String> progress) {
    List<Expiries.Expiring> entries = Expiries.within(p, today, days);
    if (okta.isEmpty() || entries.isEmpty()) {
      return entries;
    }
    Plan.Scope scope = Expiries.scope(Planner.scope(p.desired()), entries);
    return Expiries.checked(entries, okta.get().reader().read(scope, progress), scope);
  }

  /**
   * Whether the repository moved away from a saved plan's commit. Pure, so a caller can ask it
   * before connecting to Okta.
   *
   * @param current the repository as it is now, when it is in Git and the plan records a commit
   */
  public static Optional<Freshness.Stale> commitMoved(Plan saved, Optional<RepoSnapshot> current) {
    return SavedPlans.commitMoved(saved, current);
  }

  /**
   * Whether a saved plan may still be applied: the repository is at its commit and Okta, read again
   * over the plan's own scope, has the fingerprint it was planned against.
   */
  public static Freshness check(
      Plan saved, Optional<RepoSnapshot> current, OktaReader reader, Consumer<String> progress) {
    return check(saved, current, reader, SlackReader.NONE, progress);
  }

  /**
   * As {@link #check(Plan, Optional, OktaReader, Consumer)}, reading Slack again too when the plan
   * read it: a channel linked or unlinked by hand since makes the plan stale, as a change in Okta
   * does. Plans that read no Slack (saved before, or linking no channels) read none.
   *
   * @throws dev.oktagroups.port.SlackFailure when Slack cannot be read
   */
  public static Freshness check(
      Plan saved,
      Optional<RepoSnapshot> current,
      OktaReader reader,
      SlackReader slack,
      Consumer<String> progress) {
    return SavedPlans.check(saved, current, reader, slack, progress);
  }

  /** The safety rails for a saved plan that {@link #check} found fresh. */
  public static Planned recheck(Plan saved, Freshness.Fresh fresh, Policy policy) {
    return Rails.planned(saved, fresh.now(), policy);
  }

  /**
   * Take the org's one-writer lease, before the plan an apply runs is read, so that no other writer
   * plans or writes until it is released. {@code plan} never takes it.
   *
   * @param holder who takes it, as {@link Lease#holder} names it
   * @param stop once true, waiting is abandoned
   * @throws Lease.Busy when another writer holds it for the whole timeout
   * @throws dev.oktagroups.port.OktaFailure when Okta cannot be reached
   */
  public static Lease lock(
      OrgLease lease,
      String holder,
      Lease.Settings settings,
      Clock clock,
      BooleanSupplier stop,
      Consumer<String> progress) {
    return Lease.take(lease, holder, settings, clock, stop, progress);
  }

  /**
   * Apply a plan the rails accepted, exactly as planned: it never re-plans.
   *
   * @param lease the org's lease, held: a lost lease stops the run as a stop request does
   * @param stop once true, changes not yet started are skipped and those in flight finish
   * @param progress hears one line per change
   * @param threads how many groups may be in flight at once
   * @throws IllegalStateException when the rails refused the plan: that is the caller's bug
   */
  public static ApplyReport apply(
      Planned planned,
      OktaWriter writer,
      Lease lease,
      BooleanSupplier stop,
      Consumer<String> progress,
      int threads) {
    return apply(planned, writer, SlackWriter.NONE, lease, stop, progress, threads);
  }

  /** As {@link #apply(Planned, OktaWriter, Lease, BooleanSupplier, Consumer, int)}, with Slack. */
  public static ApplyReport apply(
      Planned planned,
      OktaWriter writer,
      SlackWriter slack,
      Lease lease,
      BooleanSupplier stop,
      Consumer<String> progress,
      int threads) {
    if (planned.refused()) {
      throw new IllegalStateException("a plan refused by the safety rails is never applied");
    }
    BooleanSupplier halt = () -> stop.getAsBoolean() || lease.lost();
    return new ApplyReport(
        Executor.execute(planned.plan(), writer, slack, progress, threads, halt));
  }

  private static DesiredState empty(DesiredState like) {
    return new DesiredState(
        new TreeMap<>(),
        like.marker(),
        like.protectedGroups(),
        like.keepDownstreamOnDelete(),
        like.catalogApps());
  }
}
