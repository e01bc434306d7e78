import type { Deps } from '../deps';
import { deleteExpiredAccountTokens } from '../storage/repos/account-tokens-repo';
import { deleteJobRunsBefore } from '../storage/repos/job-runs-repo';
import { deleteExpiredRateLimits } from '../storage/repos/rate-limits-repo';
import { deleteStaleSessions } from '../storage/repos/sessions-repo';
import { deleteExpiredPendingSubscriptions } from '../storage/repos/subscriptions-repo';
import { CONFIRM_LIFETIME_MS } from './subscriptions/subscription-links';

/** How many rows each kind of clean-up removed. */
export type CleanUpReport = { accountTokens: number; sessions: number; rateLimits: number; pendingSubscriptions: number; jobRuns: number };

const DAY_MS = 86_400_000;
/** Used tokens stay a day, so a second click on a used link can still say "already used". */
const USED_TOKEN_KEEP_MS = DAY_MS;
/** Job runs stay a week: enough to see what ran (and failed) recently. */
const JOB_RUN_KEEP_MS = 7 * DAY_MS;

/**
 * Deletes what has expired and only takes space: account tokens past their end (or used over a
 * day ago), sessions past their end or idle past SESSION_IDLE_MINUTES, finished rate-limit windows,
 * subscriptions never confirmed within the confirmation link's lifetime, job runs over a week old.
 * Each is correct to run at any time and in several processes at once (plain deletes).
 */
export async function cleanUpExpired(deps: Deps, input: { now?: Date } = {}): Promise<CleanUpReport> {
  const now = (input.now ?? deps.now()).getTime();
  const iso = (t: number) => new Date(t).toISOString();
  return {
    accountTokens: await deleteExpiredAccountTokens(deps.db, iso(now), iso(now - USED_TOKEN_KEEP_MS)),
    sessions: await deleteStaleSessions(deps.db, iso(now), iso(now - deps.config.sessionIdleMinutes * 60_000)),
    rateLimits: await deleteExpiredRateLimits(deps.db, iso(now)),
    pendingSubscriptions: await deleteExpiredPendingSubscriptions(deps.db, iso(now - CONFIRM_LIFETIME_MS)),
    jobRuns: await deleteJobRunsBefore(deps.db, iso(now - JOB_RUN_KEEP_MS)),
  };
}
