import type { Selectable } from 'kysely';
import type { Cadence, Subscription, SubscriptionStatus } from '../../domain/subscription';
import type { Db } from '../database';
import type { SubscriptionTable } from '../schema';

/**
 * The SQL of digest subscriptions: one row per (lower-cased) address, from pending to active to
 * unsubscribed and back. Writes that must happen together (unsubscribe + cancel its queued mail)
 * are called by the features inside one transaction.
 */

const COLUMNS = ['id', 'email', 'user_id', 'cadence', 'time_zone', 'status', 'created_at', 'confirmed_at', 'unsubscribed_at', 'updated_at'] as const;
type SubscriptionRow = Pick<Selectable<SubscriptionTable>, (typeof COLUMNS)[number]>;

/** A row to the domain type. */
function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    email: row.email,
    userId: row.user_id,
    cadence: row.cadence as Cadence,
    timeZone: row.time_zone,
    status: row.status as SubscriptionStatus,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
    unsubscribedAt: row.unsubscribed_at,
    updatedAt: row.updated_at,
  };
}

/** What the scheduler and composer need of a subscriber. */
export type DueSubscription = { id: number; email: string; userId: number | null; cadence: Cadence; timeZone: string };

export type PendingSubscriptionInput = { email: string; cadence: Cadence; timeZone: string; tokenHash: string; now: string };

/**
 * Creates a pending subscription, or refreshes a pending or unsubscribed one (new confirmation
 * token, cadence and zone), in one statement, so two simultaneous requests for an address leave
 * one row. An active subscription is left exactly as it is (nobody changes a confirmed reader's
 * settings by typing their address). Returns the row as it is afterwards.
 */
export async function upsertPendingSubscription(db: Db, input: PendingSubscriptionInput): Promise<Subscription> {
  await db.kysely
    .insertInto('subscriptions')
    .values({
      email: input.email,
      user_id: null,
      cadence: input.cadence,
      time_zone: input.timeZone,
      status: 'pending',
      confirm_token_hash: input.tokenHash,
      confirm_sent_at: input.now,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc
        .column('email')
        .doUpdateSet({
          cadence: input.cadence,
          time_zone: input.timeZone,
          status: 'pending',
          confirm_token_hash: input.tokenHash,
          confirm_sent_at: input.now,
          unsubscribed_at: null,
          updated_at: input.now,
        })
        .where('subscriptions.status', '<>', 'active'),
    )
    .execute();
  return (await findSubscriptionByEmail(db, input.email))!;
}

/**
 * Makes the address's subscription active at once (a logged-in reader subscribing their own
 * verified address), creating it or updating cadence and zone. Returns the row afterwards.
 */
export async function upsertActiveSubscription(db: Db, input: { email: string; cadence: Cadence; timeZone: string; userId: number; now: string }): Promise<Subscription> {
  const values = {
    user_id: input.userId,
    cadence: input.cadence,
    time_zone: input.timeZone,
    status: 'active',
    confirm_token_hash: null,
    unsubscribed_at: null,
    updated_at: input.now,
  };
  await db.kysely
    .insertInto('subscriptions')
    .values({ ...values, email: input.email, confirm_sent_at: null, created_at: input.now, confirmed_at: input.now })
    .onConflict((oc) => oc.column('email').doUpdateSet(values))
    .execute();
  // Keep the first confirmation time of a reader who was active already; set it for everyone else.
  await db.kysely.updateTable('subscriptions').set({ confirmed_at: input.now }).where('email', '=', input.email).where('confirmed_at', 'is', null).execute();
  return (await findSubscriptionByEmail(db, input.email))!;
}

/**
 * Confirms the pending subscription whose token has this hash, if the token was sent after
 * `sentAfter` (older links have expired). The token is cleared, so a link confirms once.
 * `userIdFor` links the subscription to the account that owns the address, if any.
 */
export async function confirmSubscriptionByTokenHash(db: Db, tokenHash: string, at: { now: string; sentAfter: string }, userId: number | null): Promise<Subscription | null> {
  const row = await db.kysely
    .updateTable('subscriptions')
    .set({ status: 'active', confirm_token_hash: null, confirmed_at: at.now, updated_at: at.now, user_id: userId })
    .where('confirm_token_hash', '=', tokenHash)
    .where('status', '=', 'pending')
    .where('confirm_sent_at', '>', at.sentAfter)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? toSubscription(row) : null;
}

/** The pending subscription a still valid confirmation token belongs to (to show its page before the POST). */
export async function findPendingSubscriptionByTokenHash(db: Db, tokenHash: string, sentAfter: string): Promise<Subscription | null> {
  const row = await db.kysely
    .selectFrom('subscriptions')
    .select(COLUMNS)
    .where('confirm_token_hash', '=', tokenHash)
    .where('status', '=', 'pending')
    .where('confirm_sent_at', '>', sentAfter)
    .executeTakeFirst();
  return row ? toSubscription(row) : null;
}

/** Changes cadence and zone of an active subscription; false when it is not active. */
export async function updateSubscriptionPreferences(db: Db, id: number, input: { cadence: Cadence; timeZone: string; now: string }): Promise<boolean> {
  const result = await db.kysely
    .updateTable('subscriptions')
    .set({ cadence: input.cadence, time_zone: input.timeZone, updated_at: input.now })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks a subscription unsubscribed (and voids its confirmation link); false when it was already. */
export async function markUnsubscribed(db: Db, id: number, now: string): Promise<boolean> {
  const result = await db.kysely
    .updateTable('subscriptions')
    .set({ status: 'unsubscribed', unsubscribed_at: now, confirm_token_hash: null, updated_at: now })
    .where('id', '=', id)
    .where('status', '<>', 'unsubscribed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Cancels the digests of a subscription still waiting to be sent (`pending`, also those waiting
 * for a retry). Rows already claimed (`sending`) are left to the deliverer, which re-reads the
 * subscription right before sending. Returns how many were cancelled.
 */
export async function cancelPendingDigests(db: Db, subscriptionId: number, reason: string): Promise<number> {
  const result = await db.kysely
    .updateTable('digest_outbox')
    .set({ status: 'cancelled', last_error: reason })
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The subscription of an address (lower-cased), if any. */
export async function findSubscriptionByEmail(db: Db, email: string): Promise<Subscription | null> {
  const row = await db.kysely.selectFrom('subscriptions').select(COLUMNS).where('email', '=', email).executeTakeFirst();
  return row ? toSubscription(row) : null;
}

/** The subscription with this id, if any. */
export async function findSubscriptionById(db: Db, id: number): Promise<Subscription | null> {
  const row = await db.kysely.selectFrom('subscriptions').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toSubscription(row) : null;
}

/** An account's subscription: the one linked to it, else the one of its (verified) address. */
export async function findSubscriptionForUser(db: Db, userId: number, email: string): Promise<Subscription | null> {
  const row = await db.kysely
    .selectFrom('subscriptions')
    .select(COLUMNS)
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('email', '=', email)]))
    .orderBy((eb) => eb.case().when('user_id', '=', userId).then(0).else(1).end())
    .executeTakeFirst();
  return row ? toSubscription(row) : null;
}

/**
 * The subscription a mail's link token belongs to: a digest's token (digest_outbox) or one sent
 * outside a digest (subscription_link_tokens). Tokens do not expire: a years-old digest's
 * unsubscribe link must still work.
 */
export async function findSubscriptionByLinkTokenHash(db: Db, tokenHash: string): Promise<Subscription | null> {
  const row = await db.kysely
    .selectFrom('subscriptions')
    .select(COLUMNS)
    .where((eb) =>
      eb.or([
        eb('id', 'in', eb.selectFrom('digest_outbox').select('subscription_id').where('link_token_hash', '=', tokenHash)),
        eb('id', 'in', eb.selectFrom('subscription_link_tokens').select('subscription_id').where('token_hash', '=', tokenHash)),
      ]),
    )
    .executeTakeFirst();
  return row ? toSubscription(row) : null;
}

/** Stores a link token (its hash) for a subscription's preferences and unsubscribe pages. */
export async function insertSubscriptionLinkToken(db: Db, token: { tokenHash: string; subscriptionId: number; createdAt: string }): Promise<void> {
  await db.kysely.insertInto('subscription_link_tokens').values({ token_hash: token.tokenHash, subscription_id: token.subscriptionId, created_at: token.createdAt }).execute();
}

/** Every (cadence, time zone) that has at least one active subscription: the scheduler's groups. */
export async function listActiveSubscriptionGroups(db: Db): Promise<Array<{ cadence: Cadence; timeZone: string }>> {
  const rows = await db.kysely
    .selectFrom('subscriptions')
    .select(['cadence', 'time_zone'])
    .where('status', '=', 'active')
    .groupBy(['cadence', 'time_zone'])
    .orderBy('cadence')
    .orderBy('time_zone')
    .execute();
  return rows.map((r) => ({ cadence: r.cadence as Cadence, timeZone: r.time_zone }));
}

/**
 * Up to `limit` active, not suppressed subscriptions of one cadence and zone that have no digest
 * for `periodKey` yet, by id. The composer calls it until it returns nothing; each composed digest
 * removes its subscriber from the answer, so a restarted run continues where it stopped.
 */
export async function listSubscriptionsDueWithout(db: Db, input: { cadence: Cadence; timeZone: string; periodKey: string; limit: number }): Promise<DueSubscription[]> {
  const rows = await db.kysely
    .selectFrom('subscriptions as s')
    .select(['s.id', 's.email', 's.user_id', 's.cadence', 's.time_zone'])
    .where('s.status', '=', 'active')
    .where('s.cadence', '=', input.cadence)
    .where('s.time_zone', '=', input.timeZone)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('suppressions as x').select('x.email').whereRef('x.email', '=', 's.email'))))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('digest_outbox as o').select('o.id').whereRef('o.subscription_id', '=', 's.id').where('o.period_key', '=', input.periodKey))),
    )
    .orderBy('s.id')
    .limit(input.limit)
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, userId: r.user_id, cadence: r.cadence as Cadence, timeZone: r.time_zone }));
}

export type SubscriptionFilter = { status?: SubscriptionStatus; cadence?: Cadence };

/** A page of subscriptions by id, after `afterId` (for the CLI's list and export, which page through all). */
export async function listSubscriptions(db: Db, filter: SubscriptionFilter & { afterId?: number; limit: number }): Promise<Subscription[]> {
  let query = db.kysely.selectFrom('subscriptions').select(COLUMNS).where('id', '>', filter.afterId ?? 0);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.cadence) query = query.where('cadence', '=', filter.cadence);
  const rows = await query.orderBy('id').limit(filter.limit).execute();
  return rows.map(toSubscription);
}

/** Deletes pending subscriptions whose confirmation link was sent before `sentBefore` (expired, never confirmed). */
export async function deleteExpiredPendingSubscriptions(db: Db, sentBefore: string): Promise<number> {
  const result = await db.kysely.deleteFrom('subscriptions').where('status', '=', 'pending').where('confirm_sent_at', '<', sentBefore).executeTakeFirst();
  return Number(result.numDeletedRows);
}
