import { sql } from 'kysely';
import type { Db } from '../database';

/**
 * Adds one hit to a key's window and returns the window's hits, in one atomic upsert, so
 * concurrent requests on any number of server processes count exactly.
 */
export async function hitRateLimit(db: Db, key: string, windowStart: string, expiresAt: string): Promise<number> {
  const row = await db.kysely
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, hits: 1, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ hits: sql<number>`rate_limits.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}

/** A key's hits in a window, without adding one. */
export async function countRateLimitHits(db: Db, key: string, windowStart: string): Promise<number> {
  const row = await db.kysely.selectFrom('rate_limits').select('hits').where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
  return Number(row?.hits ?? 0);
}

/** Forgets a key's hits in a window (a successful log-in clears its failures). */
export async function clearRateLimit(db: Db, key: string, windowStart: string): Promise<void> {
  await db.kysely.deleteFrom('rate_limits').where('key', '=', key).where('window_start', '=', windowStart).execute();
}

/** Deletes windows that ended before `now`. Returns how many. */
export async function deleteExpiredRateLimits(db: Db, now: string): Promise<number> {
  const result = await db.kysely.deleteFrom('rate_limits').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
