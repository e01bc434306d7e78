import type { Db } from '../database';

/** How many papers a user put on the list of one day (the daily submission cap counts these). */
export async function countSubmissionsOn(db: Db, userId: number, listedOn: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('listings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('submitter_id', '=', userId)
    .where('listed_on', '=', listedOn)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Makes the rest of the caller's transaction wait for any other transaction of the same user
 * that called this: on PostgreSQL by locking the user's row until commit, so two submissions sent
 * at once cannot both count "2 today" and both pass a cap of 3. On SQLite nothing to do: the one
 * connection runs one transaction at a time.
 */
export async function lockSubmitter(db: Db, userId: number): Promise<void> {
  if (db.dialect !== 'postgres') return;
  await db.kysely.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}

/**
 * Puts a paper on a day's list as a member's submission. Returns false, writing nothing, when the
 * paper is on that day's list already (another submission won the race for the unique key).
 */
export async function insertSubmittedListing(
  db: Db,
  listing: { paperId: number; listedOn: string; submittedAt: string; submitterId: number },
): Promise<boolean> {
  const inserted = await db.kysely
    .insertInto('listings')
    .values({
      paper_id: listing.paperId,
      listed_on: listing.listedOn,
      submitted_at: listing.submittedAt,
      submitter_id: listing.submitterId,
      imported_upvotes: null,
      imported_comments: null,
    })
    .onConflict((oc) => oc.columns(['paper_id', 'listed_on']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}
