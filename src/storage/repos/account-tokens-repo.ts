import type { Db } from '../database';

/** What a token sent to a user is for. */
export type AccountTokenPurpose = 'verify_email' | 'reset_password' | 'device';

/** Stores a token (its hash) for a user. */
export async function insertAccountToken(
  db: Db,
  token: { tokenHash: string; userId: number; purpose: AccountTokenPurpose; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.kysely
    .insertInto('account_tokens')
    .values({ token_hash: token.tokenHash, user_id: token.userId, purpose: token.purpose, created_at: token.createdAt, expires_at: token.expiresAt, used_at: null })
    .execute();
}

/**
 * Uses a single-use token: marks it used and returns its user, in one statement, so two
 * simultaneous uses cannot both succeed. Null when unknown, of another purpose, used or expired.
 */
export async function consumeAccountToken(db: Db, tokenHash: string, purpose: AccountTokenPurpose, now: string): Promise<number | null> {
  const row = await db.kysely
    .updateTable('account_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** The user of a valid, unused token without using it (to show a form before the POST). */
export async function findValidAccountToken(db: Db, tokenHash: string, purpose: AccountTokenPurpose, now: string): Promise<number | null> {
  const row = await db.kysely
    .selectFrom('account_tokens')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Invalidates every unused token of a purpose for a user (a new reset link voids older ones). */
export async function revokeAccountTokens(db: Db, userId: number, purpose: AccountTokenPurpose, now: string): Promise<void> {
  await db.kysely.updateTable('account_tokens').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}

/** Deletes expired tokens and tokens used more than a day ago. Returns how many. */
export async function deleteExpiredAccountTokens(db: Db, now: string, usedBefore: string): Promise<number> {
  const result = await db.kysely
    .deleteFrom('account_tokens')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('used_at', '<', usedBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
