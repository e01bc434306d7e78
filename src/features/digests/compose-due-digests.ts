import type { Deps } from '../../deps';
import { dueDigestPeriod, type DigestCadence, type DigestPeriod } from '../../domain/digest-schedule';
import { listActiveSubscriptionGroups, listSubscriptionsDueWithout } from '../../storage/repos/subscriptions-repo';
import { composeDigest } from './compose-digest';

/** How one pass of composeDueDigests went. */
export type ComposeDueReport = {
  /** (cadence, time zone) groups with at least one active subscription. */
  groups: number;
  /** Groups whose period was due at `now` (not before its send time, not past DIGEST_MAX_LATE_HOURS). */
  dueGroups: number;
  /** New outbox rows. */
  composed: number;
  /** Composed meanwhile by another process (the unique key said no). */
  exists: number;
  /** Groups whose period had no papers: nothing composed; a later pass tries again while it is due. */
  emptyGroups: number;
  /** Subscriptions (or whole groups, e.g. an unknown time zone) that threw; logged, the rest went on. */
  failed: number;
  /** True when `limit` stopped the pass; the next pass continues where it stopped. */
  limited: boolean;
};

export type ComposeDueInput = {
  /** The instant that decides which periods are due (default deps.now()). */
  now?: Date;
  /** Compose at most this many digests in this pass (default: all that are due). */
  limit?: number;
  /** Subscriptions read per query. */
  pageSize?: number;
  /** Called after each subscription (the CLI's progress). */
  onProgress?: (report: ComposeDueReport) => void;
};

/**
 * Composes every digest that is due now into the outbox. For each (cadence, time zone) of the
 * active subscriptions the schedule gives the due period (domain/digest-schedule.ts); each of the
 * group's subscriptions that has no outbox row for that period gets one (composeDigest).
 *
 * Safe to run any number of times, in any number of processes at once: the outbox's unique
 * (subscription, period_key) lets each digest be composed once, and a pass that stopped half-way
 * (crash, `limit`) is continued by the next, because the query only returns subscriptions still
 * without a row. A digest missed during downtime is composed by the first pass after it while it
 * is at most DIGEST_MAX_LATE_HOURS late, and skipped after that.
 */
export async function composeDueDigests(deps: Deps, input: ComposeDueInput = {}): Promise<ComposeDueReport> {
  const now = input.now ?? deps.now();
  const limit = input.limit ?? Number.POSITIVE_INFINITY;
  const pageSize = input.pageSize ?? 500;
  const report: ComposeDueReport = { groups: 0, dueGroups: 0, composed: 0, exists: 0, emptyGroups: 0, failed: 0, limited: false };
  const groups = await listActiveSubscriptionGroups(deps.db);
  report.groups = groups.length;

  for (const group of groups) {
    let period: DigestPeriod | null;
    try {
      period = duePeriodOf(deps, group.cadence, group.timeZone, now);
    } catch (error) {
      report.failed += 1;
      deps.log.error(`digests: cannot schedule ${group.cadence} in time zone ${JSON.stringify(group.timeZone)}: ${(error as Error).message}`);
      continue;
    }
    if (!period) continue;
    report.dueGroups += 1;
    // Subscriptions that threw in this pass: still "due" in the query, so they are asked past.
    const skipped = new Set<number>();
    group: for (;;) {
      const page = await listSubscriptionsDueWithout(deps.db, { ...group, periodKey: period.key, limit: pageSize + skipped.size });
      const fresh = page.filter((s) => !skipped.has(s.id));
      if (fresh.length === 0) break;
      for (const subscription of fresh) {
        if (report.composed >= limit) {
          report.limited = true;
          return report;
        }
        let result;
        try {
          result = await composeDigest(deps, { subscription, period });
        } catch (error) {
          report.failed += 1;
          skipped.add(subscription.id);
          deps.log.error(`digests: cannot compose ${period.key} for subscription ${subscription.id}: ${(error as Error).message}`);
          continue;
        }
        if (result === 'empty') {
          // Every subscriber of a period gets the same papers: an empty period is empty for the
          // whole group, so asking for each would only cost queries.
          report.emptyGroups += 1;
          break group;
        }
        report[result] += 1;
        input.onProgress?.(report);
      }
    }
  }
  return report;
}

/** One period that is due now, and how many subscriptions still wait for its digest. */
export type DueDigestCount = { cadence: DigestCadence; timeZone: string; period: DigestPeriod; due: number };

/**
 * What composeDueDigests would compose now, without composing anything (`paperboy digest send
 * --dry-run`): per due (cadence, time zone) group, its period and how many subscriptions lack it.
 */
export async function countDueDigests(deps: Deps, input: { now?: Date } = {}): Promise<DueDigestCount[]> {
  const now = input.now ?? deps.now();
  const counts: DueDigestCount[] = [];
  for (const group of await listActiveSubscriptionGroups(deps.db)) {
    const period = duePeriodOf(deps, group.cadence, group.timeZone, now);
    if (!period) continue;
    // The repository lists (no count); an operator's dry run can afford reading the ids once.
    const due = await listSubscriptionsDueWithout(deps.db, { ...group, periodKey: period.key, limit: 10_000_000 });
    counts.push({ cadence: group.cadence, timeZone: group.timeZone, period, due: due.length });
  }
  return counts;
}

function duePeriodOf(deps: Deps, cadence: DigestCadence, timeZone: string, now: Date): DigestPeriod | null {
  const { digestHour: hour, digestWeekday: weekday, digestMaxLateHours: maxLateHours } = deps.config;
  return dueDigestPeriod({ cadence, timeZone, hour, weekday, maxLateHours }, now);
}
