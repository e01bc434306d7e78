import type { Db } from '../src/storage/database';
import { insertListing, insertPaper } from './factories';

let counter = 0;

/** Inserts a subscription (active unless told otherwise) and returns what composeDigest takes. */
export async function insertSubscription(
  db: Db,
  over: { email?: string; cadence?: 'daily' | 'weekly'; status?: string; userId?: number | null; timeZone?: string } = {},
): Promise<{ id: number; email: string; userId: number | null; cadence: 'daily' | 'weekly'; timeZone: string }> {
  counter += 1;
  const email = over.email ?? `reader${counter}-${process.pid}@example.org`;
  const cadence = over.cadence ?? 'daily';
  const timeZone = over.timeZone ?? 'UTC';
  const now = '2026-08-01T00:00:00.000Z';
  const row = await db.kysely
    .insertInto('subscriptions')
    .values({ email, user_id: over.userId ?? null, cadence, time_zone: timeZone, status: over.status ?? 'active', created_at: now, confirmed_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, userId: over.userId ?? null, cadence, timeZone };
}

/** Many active daily subscriptions at once (crash test, benchmark); returns them in id order. */
export async function insertSubscriptions(db: Db, count: number, prefix = 'reader'): Promise<Array<{ id: number; email: string; userId: null; cadence: 'daily'; timeZone: string }>> {
  const now = '2026-08-01T00:00:00.000Z';
  for (let start = 0; start < count; start += 500) {
    const values = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({
      email: `${prefix}${start + i}@example.org`,
      user_id: null,
      cadence: 'daily',
      time_zone: 'UTC',
      status: 'active',
      created_at: now,
      confirmed_at: now,
      updated_at: now,
    }));
    await db.kysely.insertInto('subscriptions').values(values).execute();
  }
  const rows = await db.kysely.selectFrom('subscriptions').select(['id', 'email']).where('email', 'like', `${prefix}%`).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, email: r.email, userId: null, cadence: 'daily' as const, timeZone: 'UTC' }));
}

/** `n` papers listed on `day`, upvotes n, n-1, … 1 (the first is the most upvoted). */
export async function listPapers(db: Db, day: string, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = await insertPaper(db, { upvotes: n - i, numComments: i % 3 });
    await insertListing(db, id, day);
    ids.push(id);
  }
  return ids;
}

/** The daily period covering `day`, shaped like domain/digest-schedule.ts builds it. */
export function dailyPeriod(day: string): { key: string; label: string; from: string; to: string } {
  return { key: `daily:${day}`, label: `Day ${day}`, from: day, to: day };
}
