import type { Cadence, SubscriptionStatus } from '../src/domain/subscription';
import { hashToken, newToken } from '../src/features/accounts/secret-token';
import type { Db } from '../src/storage/database';

let counter = 0;

/** Inserts a subscription directly (default: active, daily, UTC) and returns its id. */
export async function insertSubscription(db: Db, over: { email?: string; status?: SubscriptionStatus; cadence?: Cadence; timeZone?: string; userId?: number | null } = {}): Promise<{ id: number; email: string }> {
  counter += 1;
  const email = over.email ?? `reader${process.pid}x${counter}@example.org`;
  const now = '2026-08-01T00:00:00.000Z';
  const status = over.status ?? 'active';
  const row = await db.kysely
    .insertInto('subscriptions')
    .values({
      email,
      user_id: over.userId ?? null,
      cadence: over.cadence ?? 'daily',
      time_zone: over.timeZone ?? 'UTC',
      status,
      confirm_token_hash: null,
      confirm_sent_at: status === 'pending' ? now : null,
      created_at: now,
      confirmed_at: status === 'pending' ? null : now,
      unsubscribed_at: status === 'unsubscribed' ? now : null,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email };
}

/**
 * Inserts a composed digest for a subscription as the composer would (status `pending` unless
 * told otherwise) and returns the link token its mail would carry (only the hash is stored).
 */
export async function insertOutboxRow(db: Db, subscription: { id: number; email: string }, over: { periodKey?: string; status?: string; token?: string } = {}): Promise<{ id: number; token: string }> {
  counter += 1;
  const token = over.token ?? newToken();
  const row = await db.kysely
    .insertInto('digest_outbox')
    .values({
      subscription_id: subscription.id,
      period_key: over.periodKey ?? `daily:2026-08-${String(counter % 28 + 1).padStart(2, '0')}x${counter}`,
      email: subscription.email,
      subject: 'Trending papers',
      text_body: 'text',
      html_body: '<p>html</p>',
      link_token_hash: hashToken(token),
      status: over.status ?? 'pending',
      next_attempt_at: '2026-08-22T07:00:00.000Z',
      created_at: '2026-08-22T07:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** The status of a subscription and of its outbox rows, for assertions. */
export async function subscriptionState(db: Db, id: number): Promise<{ status: string; outbox: string[] }> {
  const s = await db.kysely.selectFrom('subscriptions').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  const rows = await db.kysely.selectFrom('digest_outbox').select('status').where('subscription_id', '=', id).orderBy('id').execute();
  return { status: s.status, outbox: rows.map((r) => r.status) };
}

/** Inserts a pending subscription whose confirmation link was sent at `sentAt`; returns the link's token. */
export async function insertPendingSubscription(db: Db, sentAt: string): Promise<{ id: number; email: string; token: string }> {
  const s = await insertSubscription(db, { status: 'pending' });
  const token = newToken();
  await db.kysely.updateTable('subscriptions').set({ confirm_token_hash: hashToken(token), confirm_sent_at: sentAt }).where('id', '=', s.id).execute();
  return { ...s, token };
}
