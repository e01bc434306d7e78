import type { Deps } from '../deps';
import { clearRateLimit, countRateLimitHits, hitRateLimit } from '../storage/repos/rate-limits-repo';

/** How many actions of a kind a subject (an IP, an account) may take per window. */
export type RateRule = {
  name: string;
  limit: number;
  /** Limit for accounts younger than a day (new accounts are where spam comes from). */
  newAccountLimit?: number;
  windowSeconds: number;
};

/**
 * Every limit in one place. Log-in failures are counted per account and per IP; the per-account
 * count skips attempts from a browser that has logged in to that account before (a device
 * cookie, see log-in.ts), so an attacker who burns an account's failures cannot lock its owner out.
 */
export const RATE_RULES = {
  loginFailuresPerAccount: { name: 'login-fail-account', limit: 100, windowSeconds: 3600 },
  loginFailuresPerIp: { name: 'login-fail-ip', limit: 300, windowSeconds: 3600 },
  signUpPerIp: { name: 'signup-ip', limit: 20, windowSeconds: 3600 },
  passwordResetPerIp: { name: 'reset-ip', limit: 20, windowSeconds: 3600 },
  accountMailPerAccount: { name: 'account-mail', limit: 5, windowSeconds: 3600 },
  votesPerAccount: { name: 'vote', limit: 600, newAccountLimit: 120, windowSeconds: 3600 },
  votesPerIp: { name: 'vote-ip', limit: 3000, windowSeconds: 3600 },
  commentsPerAccount: { name: 'comment', limit: 60, newAccountLimit: 10, windowSeconds: 3600 },
  submissionsPerAccount: { name: 'submit', limit: 20, newAccountLimit: 5, windowSeconds: 3600 },
  apiTokensPerAccount: { name: 'api-token', limit: 20, windowSeconds: 3600 },
  collectionWritesPerAccount: { name: 'collection', limit: 600, newAccountLimit: 120, windowSeconds: 3600 },
  subscribePerIp: { name: 'subscribe-ip', limit: 30, windowSeconds: 3600 },
  subscriptionMailPerAddress: { name: 'subscribe-mail', limit: 5, windowSeconds: 3600 },
} as const satisfies Record<string, RateRule>;

/** The request was over a limit; `retryAfterSeconds` is when the window ends. Becomes a 429. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; try again in ${formatWait(retryAfterSeconds)}.`);
  }
}

type Subject = { key: string; accountCreatedAt?: string };

function windowOf(deps: Deps, rule: RateRule) {
  const nowMs = deps.now().getTime();
  const size = rule.windowSeconds * 1000;
  const start = Math.floor(nowMs / size) * size;
  return {
    start: new Date(start).toISOString(),
    end: new Date(start + size).toISOString(),
    retryAfter: Math.max(1, Math.ceil((start + size - nowMs) / 1000)),
  };
}

function limitFor(deps: Deps, rule: RateRule, subject: Subject): number {
  if (rule.newAccountLimit === undefined || !subject.accountCreatedAt) return rule.limit;
  const ageMs = deps.now().getTime() - Date.parse(subject.accountCreatedAt);
  return ageMs < 24 * 3600 * 1000 ? rule.newAccountLimit : rule.limit;
}

/** Counts one action and throws RateLimitedError when it is over the limit. */
export async function takeRateLimit(deps: Deps, rule: RateRule, subject: Subject): Promise<void> {
  const w = windowOf(deps, rule);
  const hits = await hitRateLimit(deps.db, `${rule.name}:${subject.key}`, w.start, w.end);
  if (hits > limitFor(deps, rule, subject)) throw new RateLimitedError(w.retryAfter);
}

/** Throws RateLimitedError when the subject is already at the limit, without counting (failure counters). */
export async function checkRateLimit(deps: Deps, rule: RateRule, subject: Subject): Promise<void> {
  const w = windowOf(deps, rule);
  const hits = await countRateLimitHits(deps.db, `${rule.name}:${subject.key}`, w.start);
  if (hits >= limitFor(deps, rule, subject)) throw new RateLimitedError(w.retryAfter);
}

/** Counts one action without checking (a failure, recorded after the fact). */
export async function countRateLimit(deps: Deps, rule: RateRule, subject: Subject): Promise<void> {
  const w = windowOf(deps, rule);
  await hitRateLimit(deps.db, `${rule.name}:${subject.key}`, w.start, w.end);
}

/** Forgets the current window's count (e.g. failures, after a successful log-in). */
export async function resetRateLimit(deps: Deps, rule: RateRule, subject: Subject): Promise<void> {
  await clearRateLimit(deps.db, `${rule.name}:${subject.key}`, windowOf(deps, rule).start);
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
