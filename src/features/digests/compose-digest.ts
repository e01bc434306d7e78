import type { Deps } from '../../deps';
import { InputError } from '../../domain/input-error';
import type { Paper } from '../../domain/paper';
import { renderDigestHtml } from '../../email/digest-html';
import { digestSubject, type DigestModel, type DigestPick } from '../../email/digest-model';
import { renderDigestText } from '../../email/digest-text';
import type { Db } from '../../storage/database';
import { listListings } from '../../storage/repos/listings-repo';
import { insertOutboxMessage } from '../../storage/repos/outbox-repo';
import { hashToken, newToken } from '../accounts/secret-token';
import { listForYou } from '../list-for-you';
import { digestSavedSearches, findSavedSearchAlerts, storeWithAlertMark } from '../saved-searches/saved-search-alerts';

/** The subscription a digest is for (as subscriptions-repo lists them). */
export type DigestSubscription = { id: number; email: string; userId: number | null; cadence: 'daily' | 'weekly'; timeZone: string };

/** What a digest covers (domain/digest-schedule.ts DigestPeriod; `dueAt` is not needed here). */
export type DigestPeriodInput = {
  /** `daily:YYYY-MM-DD` or `weekly:YYYY-Www`; unique per subscription in the outbox. */
  key: string;
  /** For people; the subject and heading show it. */
  label: string;
  /** First covered site day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last covered site day, inclusive (YYYY-MM-DD). */
  to: string;
};

/** 'composed': a new outbox row; 'exists': the period was composed before; 'empty': no paper listed in it, nothing composed. */
export type ComposeResult = 'composed' | 'exists' | 'empty';

/**
 * Composes one subscriber's digest for a period into the outbox, once: the unique
 * (subscription_id, period_key) key makes a second composition (another process, a rerun) a
 * no-op answering 'exists'. A period without papers composes nothing ('empty'): an empty digest
 * is noise, and the next period will have papers.
 *
 * Content: the community's top `config.digestTopN` papers listed on the period's site days, by
 * their upvotes at composition time — the same order as the site's day and week pages (sort by
 * upvotes), not the decaying trending score, which at composition would favour the last day of a
 * week. Subscribers with an account get up to DIGEST_FOR_YOU papers of the period picked for them
 * (features/list-for-you.ts; never a trending one, and left out when it cannot be ranked), and
 * the new papers of their saved searches (saved-searches/saved-search-alerts.ts), whose marks
 * move in the transaction that stores the digest: composing again ('exists') moves nothing.
 *
 * Each message carries its own fresh link token (preferences, unsubscribe, List-Unsubscribe); only
 * its hash is stored as link_token_hash, which is how the unsubscribe pages find the subscription.
 * The List-* headers are stored with the message (digest_outbox.headers, migration 006) because the
 * sender cannot rebuild them from the hash.
 */
export async function composeDigest(deps: Deps, input: { subscription: DigestSubscription; period: DigestPeriodInput }): Promise<ComposeResult> {
  const { subscription, period } = input;
  checkAddress(subscription.email);
  checkPeriod(period);
  const trending = await trendingOfPeriod(deps, period);
  if (trending.length === 0) return 'empty';
  // New papers of the subscriber's saved searches; their marks move only if this digest is stored.
  const alerts = await findSavedSearchAlerts(deps, subscription.userId);

  const token = newToken();
  const model: DigestModel = {
    ...links(deps, token),
    siteUrl: deps.config.siteUrl,
    periodLabel: period.label,
    cadence: subscription.cadence,
    trending,
    forYou: await forYouOfPeriod(deps, subscription.userId, period, trending),
    savedSearches: digestSavedSearches(deps, alerts.alerts),
    recipient: subscription.email,
  };
  const inserted = await storeWithAlertMark(deps, alerts.mark, (db) => insertOutboxMessage(db, {
    subscriptionId: subscription.id,
    periodKey: period.key,
    email: subscription.email,
    subject: digestSubject(period.label),
    text: renderDigestText(model),
    html: renderDigestHtml(model),
    linkTokenHash: hashToken(token),
    headers: listHeaders(deps, subscription.cadence, token),
    createdAt: deps.now().toISOString(),
  }));
  return inserted ? 'composed' : 'exists';
}

/** "For you" papers in a digest. */
export const DIGEST_FOR_YOU = 5;

/**
 * The subscriber's picks among the papers published or listed on the period's days, the
 * trending ones left out. A failure here costs the section, not the digest.
 */
async function forYouOfPeriod(deps: Deps, userId: number | null, period: DigestPeriodInput, trending: Paper[]): Promise<DigestPick[]> {
  if (userId === null) return [];
  try {
    const feed = await listForYou(deps, userId, { limit: DIGEST_FOR_YOU, window: { from: period.from, to: period.to }, excludeIds: trending.map((p) => p.id) });
    return feed.items.map((i) => ({ paper: i.paper, because: i.because }));
  } catch (error) {
    deps.log.warn(`digest for-you section of user ${userId} skipped: ${(error as Error).message}`);
    return [];
  }
}

/** A digest as a subscriber would get it, with placeholder address and links (for `paperboy digest preview`). */
export async function renderDigestPreview(
  deps: Deps,
  input: { cadence: 'daily' | 'weekly'; period: DigestPeriodInput },
): Promise<{ subject: string; text: string; html: string }> {
  checkPeriod(input.period);
  const model: DigestModel = {
    ...links(deps, 'PREVIEW-TOKEN'),
    siteUrl: deps.config.siteUrl,
    periodLabel: input.period.label,
    cadence: input.cadence,
    trending: await trendingOfPeriod(deps, input.period),
    forYou: [],
    recipient: 'subscriber@example.org',
  };
  return { subject: digestSubject(input.period.label), text: renderDigestText(model), html: renderDigestHtml(model) };
}

/** The headers that make unsubscribing one click in the reader's mail client (RFC 2369, RFC 8058). */
function listHeaders(deps: Deps, cadence: string, token: string): Record<string, string> {
  const host = new URL(deps.config.siteUrl).hostname;
  const mailDomain = /@([^>\s]+)>?\s*$/.exec(deps.config.mailFrom)?.[1] ?? host;
  return {
    // RFC 8058: the https URL must accept a cookie-less POST with body List-Unsubscribe=One-Click.
    // The mailto is for clients without one-click; the mail server pipes it to `paperboy subscribers unsubscribe-mail`.
    'List-Unsubscribe': `<${deps.config.siteUrl}/unsubscribe/one-click/${token}>, <mailto:unsubscribe+${token}@${mailDomain}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `Paperboy ${cadence} digest <${cadence}-digest.${host}>`,
  };
}

function links(deps: Deps, token: string): Pick<DigestModel, 'manageUrl' | 'unsubscribeUrl'> {
  return {
    manageUrl: `${deps.config.siteUrl}/subscriptions/manage/${token}`,
    unsubscribeUrl: `${deps.config.siteUrl}/unsubscribe/${token}`,
  };
}

/**
 * The period's top papers. Every subscriber of a period gets the same list, so it is kept for a
 * few seconds per database: composing for 10,000 subscribers asks once instead of 10,000 times,
 * and the list is at most that many seconds older than the upvotes.
 */
async function trendingOfPeriod(deps: Deps, period: DigestPeriodInput): Promise<Paper[]> {
  const key = `${period.from}|${period.to}|${deps.config.digestTopN}`;
  let perDb = memo.get(deps.db);
  if (!perDb) memo.set(deps.db, (perDb = new Map()));
  const hit = perDb.get(key);
  if (hit && hit.until > Date.now()) return hit.papers;
  const { items } = await listListings(deps.db, { from: period.from, to: period.to, sort: 'upvotes', offset: 0, limit: deps.config.digestTopN });
  const papers = items.map((l) => l.paper);
  perDb.set(key, { papers, until: Date.now() + MEMO_MS });
  return papers;
}

const MEMO_MS = 10_000;
const memo = new WeakMap<Db, Map<string, { papers: Paper[]; until: number }>>();

/** One plain address, nothing that could become a second header or recipient. */
function checkAddress(email: string): void {
  if (!/^[^\s@<>,;"()\\]+@[^\s@<>,;"()\\]+$/.test(email) || email.length > 254) {
    throw new InputError(`not a single mail address: ${JSON.stringify(email.slice(0, 100))}`);
  }
}

function checkPeriod(period: DigestPeriodInput): void {
  // The label goes into the subject: no control characters (line breaks) ever.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(period.label) || period.label.length > 200) throw new InputError('period label must be one short line');
  if (!/^(daily|weekly):[0-9A-Z-]+$/.test(period.key)) throw new InputError(`bad period key ${JSON.stringify(period.key)}`);
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (!day.test(period.from) || !day.test(period.to) || period.from > period.to) throw new InputError('period from/to must be days YYYY-MM-DD, from <= to');
}
