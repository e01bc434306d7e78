import type { Selectable } from 'kysely';
import type { Db } from '../database';
import type { DigestOutboxTable } from '../schema';

/** Where a composed digest is: `pending → sending → sent | failed`, or `cancelled` (no longer wanted). */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** The statuses, for counting. */
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'failed', 'cancelled'];

/** A composed digest as the composer writes it. */
export type NewOutboxMessage = {
  subscriptionId: number;
  periodKey: string;
  email: string;
  subject: string;
  text: string;
  html: string;
  /** SHA-256 of the link token inside the bodies and headers. */
  linkTokenHash: string;
  /** Extra mail headers (List-Unsubscribe …); values never contain line breaks. */
  headers: Record<string, string>;
  /** ISO instant. */
  createdAt: string;
};

/** A claimed message, everything the sender needs. */
export type OutboxMessage = {
  id: number;
  subscriptionId: number;
  periodKey: string;
  email: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** Delivery attempts that got an answer before this one (crashes do not count). */
  attempts: number;
};

/**
 * Inserts a composed digest unless the subscription already has one for the period (the unique
 * key decides, also between processes). Returns whether this call inserted it.
 */
export async function insertOutboxMessage(db: Db, m: NewOutboxMessage): Promise<boolean> {
  const row = await db.kysely
    .insertInto('digest_outbox')
    .values({
      subscription_id: m.subscriptionId,
      period_key: m.periodKey,
      email: m.email,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html,
      link_token_hash: m.linkTokenHash,
      headers: JSON.stringify(m.headers),
      status: 'pending',
      attempts: 0,
      next_attempt_at: m.createdAt,
      created_at: m.createdAt,
    })
    .onConflict((oc) => oc.columns(['subscription_id', 'period_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Claims up to `limit` due pending messages for `runnerId` (status → sending, claimed_at = now),
 * oldest first. On PostgreSQL the candidate rows are locked with SKIP LOCKED, so concurrent
 * senders each get different rows without waiting; SQLite runs one writer at a time, and the
 * single UPDATE … WHERE id IN (SELECT …) is atomic there.
 */
export async function claimOutboxBatch(db: Db, q: { runnerId: string; now: string; limit: number }): Promise<OutboxMessage[]> {
  const rows = await db.kysely
    .updateTable('digest_outbox')
    .set({ status: 'sending', claimed_at: q.now, claimed_by: q.runnerId })
    .where('status', '=', 'pending')
    .where('id', 'in', (eb) => {
      const candidates = eb
        .selectFrom('digest_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', q.now)
        .orderBy('id')
        .limit(q.limit);
      return db.dialect === 'postgres' ? candidates.forUpdate().skipLocked() : candidates;
    })
    .returningAll()
    .execute();
  return rows.map(toOutboxMessage).sort((a, b) => a.id - b.id);
}

/** Why a claimed message must not go out any more. */
export type OutboxCheck = { state: 'deliver' } | { state: 'unwanted'; reason: string } | { state: 'lost' };

/**
 * Right before sending: whether the claim is still this runner's and the message still wanted
 * (subscription active, same address, same cadence; address not suppressed). One read on the
 * common path: a write (a commit, an fsync on PostgreSQL) per message would halve the send rate.
 * The claim is renewed (claimed_at = now) only once it is older than `renewIfClaimedBefore`, so a
 * slow batch keeps its lease without paying a write for every message.
 */
export async function checkOutboxDeliverable(db: Db, q: { id: number; runnerId: string; now: string; renewIfClaimedBefore: string }): Promise<OutboxCheck> {
  const row = await db.kysely
    .selectFrom('digest_outbox')
    .leftJoin('subscriptions', 'subscriptions.id', 'digest_outbox.subscription_id')
    .leftJoin('suppressions', 'suppressions.email', 'digest_outbox.email')
    .select([
      'digest_outbox.status',
      'digest_outbox.claimed_by',
      'digest_outbox.claimed_at',
      'digest_outbox.email',
      'digest_outbox.period_key',
      'subscriptions.status as subscription_status',
      'subscriptions.email as subscription_email',
      'subscriptions.cadence',
      'suppressions.reason as suppression_reason',
    ])
    .where('digest_outbox.id', '=', q.id)
    .executeTakeFirst();
  if (!row || row.status !== 'sending' || row.claimed_by !== q.runnerId) return { state: 'lost' };
  if (row.suppression_reason !== null) return { state: 'unwanted', reason: `address suppressed (${row.suppression_reason})` };
  if (row.subscription_status === null) return { state: 'unwanted', reason: 'subscription deleted' };
  if (row.subscription_status !== 'active') return { state: 'unwanted', reason: `subscription ${row.subscription_status}` };
  if (row.subscription_email !== row.email) return { state: 'unwanted', reason: 'subscription address changed' };
  if (!row.period_key.startsWith(`${row.cadence}:`)) return { state: 'unwanted', reason: `cadence changed to ${row.cadence}` };
  if (row.claimed_at !== null && row.claimed_at < q.renewIfClaimedBefore) {
    const renewed = await db.kysely
      .updateTable('digest_outbox')
      .set({ claimed_at: q.now })
      .where('id', '=', q.id)
      .where('status', '=', 'sending')
      .where('claimed_by', '=', q.runnerId)
      .executeTakeFirst();
    if (Number(renewed.numUpdatedRows) !== 1) return { state: 'lost' };
  }
  return { state: 'deliver' };
}

/** Records the SMTP server's acceptance. False when the claim was no longer this runner's. */
export async function markOutboxSent(db: Db, q: { id: number; runnerId: string; messageId: string; sentAt: string }): Promise<boolean> {
  const result = await db.kysely
    .updateTable('digest_outbox')
    .set({ status: 'sent', sent_at: q.sentAt, message_id: q.messageId, last_error: null })
    .where('id', '=', q.id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', q.runnerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A transient failure: back to pending, one more attempt counted, due again at `nextAttemptAt`. */
export async function markOutboxRetry(db: Db, q: { id: number; runnerId: string; nextAttemptAt: string; error: string }): Promise<boolean> {
  const result = await db.kysely
    .updateTable('digest_outbox')
    .set((eb) => ({
      status: 'pending',
      attempts: eb('attempts', '+', 1),
      next_attempt_at: q.nextAttemptAt,
      last_error: q.error.slice(0, 1000),
      claimed_at: null,
      claimed_by: null,
    }))
    .where('id', '=', q.id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', q.runnerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A permanent failure (or the last attempt): never tried again. */
export async function markOutboxFailed(db: Db, q: { id: number; runnerId: string; error: string }): Promise<boolean> {
  const result = await db.kysely
    .updateTable('digest_outbox')
    .set((eb) => ({ status: 'failed', attempts: eb('attempts', '+', 1), last_error: q.error.slice(0, 1000) }))
    .where('id', '=', q.id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', q.runnerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels a message that is not sent yet (pending, or sending under any claim). */
export async function cancelOutboxMessage(db: Db, q: { id: number; reason: string }): Promise<boolean> {
  const result = await db.kysely
    .updateTable('digest_outbox')
    .set({ status: 'cancelled', last_error: q.reason.slice(0, 1000) })
    .where('id', '=', q.id)
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Cancels every unsent message of a subscription (on unsubscribe; the sender re-checks anyway,
 * this only keeps the outbox honest). Returns how many.
 */
export async function cancelOutboxOfSubscription(db: Db, subscriptionId: number, reason: string): Promise<number> {
  const result = await db.kysely
    .updateTable('digest_outbox')
    .set({ status: 'cancelled', last_error: reason.slice(0, 1000) })
    .where('subscription_id', '=', subscriptionId)
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Puts messages left in `sending` by a sender that died (claimed at or before `claimedBefore`)
 * back to pending, without counting an attempt. Returns how many.
 */
export async function recoverStaleOutbox(db: Db, q: { claimedBefore: string }): Promise<number> {
  const result = await db.kysely
    .updateTable('digest_outbox')
    .set({ status: 'pending', claimed_at: null, claimed_by: null })
    .where('status', '=', 'sending')
    .where('claimed_at', '<=', q.claimedBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Messages per status (every status present, 0 when none). */
export async function countOutboxByStatus(db: Db): Promise<Record<OutboxStatus, number>> {
  const rows = await db.kysely
    .selectFrom('digest_outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of rows) counts[r.status as OutboxStatus] = Number(r.n);
  return counts;
}

function toOutboxMessage(r: Selectable<DigestOutboxTable>): OutboxMessage {
  return {
    id: r.id,
    subscriptionId: r.subscription_id,
    periodKey: r.period_key,
    email: r.email,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    headers: r.headers ? (JSON.parse(r.headers) as Record<string, string>) : {},
    attempts: r.attempts,
  };
}
