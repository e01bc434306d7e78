import type { Db } from '../database';

export type ApiTokenRecord = { id: number; userId: number; name: string; createdAt: string; lastUsedAt: string | null };

/** Stores an API token (its hash) and returns its id. */
export async function insertApiToken(db: Db, token: { userId: number; name: string; tokenHash: string; createdAt: string }): Promise<number> {
  const row = await db.kysely
    .insertInto('api_tokens')
    .values({ user_id: token.userId, name: token.name, token_hash: token.tokenHash, created_at: token.createdAt, last_used_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A user's API tokens, newest first (never the secret: it is shown once, at creation). */
export async function listApiTokens(db: Db, userId: number): Promise<ApiTokenRecord[]> {
  const rows = await db.kysely
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

/** Counts a user's API tokens. */
export async function countApiTokens(db: Db, userId: number): Promise<number> {
  const row = await db.kysely.selectFrom('api_tokens').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Revokes (deletes) one of a user's tokens; false when it was not theirs or is gone. */
export async function deleteApiToken(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db.kysely.deleteFrom('api_tokens').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The user of a token hash, recording its use; null when unknown. */
export async function useApiToken(db: Db, tokenHash: string, now: string): Promise<number | null> {
  const row = await db.kysely.updateTable('api_tokens').set({ last_used_at: now }).where('token_hash', '=', tokenHash).returning('user_id').executeTakeFirst();
  return row?.user_id ?? null;
}
