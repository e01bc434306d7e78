import type { SuppressionReason } from '../../domain/subscription';
import type { Db } from '../database';

/** An address nothing is ever sent to, and why. */
export type Suppression = { email: string; reason: SuppressionReason; detail: string | null; createdAt: string };

/** Whether an address (lower-cased) is suppressed. Checked before every digest and subscription mail. */
export async function isSuppressed(db: Db, email: string): Promise<boolean> {
  const row = await db.kysely.selectFrom('suppressions').select('email').where('email', '=', email).executeTakeFirst();
  return row !== undefined;
}

/**
 * Suppresses an address; returns false when it was suppressed already (the first reason and time
 * stay: a later manual suppression does not hide that the address once bounced).
 */
export async function suppress(db: Db, input: { email: string; reason: SuppressionReason; detail: string | null; now?: string }): Promise<boolean> {
  const row = await db.kysely
    .insertInto('suppressions')
    .values({ email: input.email, reason: input.reason, detail: input.detail, created_at: input.now ?? new Date().toISOString() })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('email')
    .executeTakeFirst();
  return row !== undefined;
}

/** The suppression of an address, if any. */
export async function findSuppression(db: Db, email: string): Promise<Suppression | null> {
  const row = await db.kysely.selectFrom('suppressions').selectAll().where('email', '=', email).executeTakeFirst();
  return row ? { email: row.email, reason: row.reason as SuppressionReason, detail: row.detail, createdAt: row.created_at } : null;
}

/** Suppressed addresses, newest first. */
export async function listSuppressions(db: Db, options: { limit?: number } = {}): Promise<Suppression[]> {
  const rows = await db.kysely
    .selectFrom('suppressions')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('email')
    .limit(options.limit ?? 1000)
    .execute();
  return rows.map((r) => ({ email: r.email, reason: r.reason as SuppressionReason, detail: r.detail, createdAt: r.created_at }));
}
