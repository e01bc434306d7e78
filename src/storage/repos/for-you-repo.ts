import type { LikeSignal } from '../../domain/for-you';
import type { Db } from '../database';

/**
 * What the personal feed reads: a reader's likes and the recent papers it ranks. Both are a few
 * index range reads (votes by their (user_id, paper_id) key, collections by owner, papers by
 * (published_at, id), listings by (listed_on, paper_id)), so the feed needs no stored profile
 * (decision 0013).
 */

/**
 * The user's most recent `limit` upvotes and most recent `limit` collection entries (every one
 * of the user's collections, public or private: they are the user's own taste), as signals.
 */
export async function listLikeSignals(db: Db, userId: number, limit: number): Promise<LikeSignal[]> {
  const [votes, collected] = await Promise.all([
    db.kysely.selectFrom('votes').select(['paper_id', 'created_at']).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('paper_id').limit(limit).execute(),
    db.kysely
      .selectFrom('collection_papers')
      .innerJoin('collections', 'collections.id', 'collection_papers.collection_id')
      .select(['collection_papers.paper_id', 'collection_papers.added_at'])
      .where('collections.user_id', '=', userId)
      .orderBy('collection_papers.added_at', 'desc')
      .orderBy('collection_papers.paper_id')
      .limit(limit)
      .execute(),
  ]);
  return [
    ...votes.map((v): LikeSignal => ({ paperId: Number(v.paper_id), kind: 'upvote', at: v.created_at })),
    ...collected.map((c): LikeSignal => ({ paperId: Number(c.paper_id), kind: 'collection', at: c.added_at })),
  ];
}

/** The newest day with a paper published or listed (YYYY-MM-DD), or null on an empty site. */
export async function findNewestPaperDay(db: Db): Promise<string | null> {
  const [published, listed] = await Promise.all([
    db.kysely.selectFrom('papers').select((eb) => eb.fn.max('published_at').as('day')).executeTakeFirst(),
    db.kysely.selectFrom('listings').select((eb) => eb.fn.max('listed_on').as('day')).executeTakeFirst(),
  ]);
  const days = [published?.day, listed?.day].filter((d): d is string => typeof d === 'string').map((d) => d.slice(0, 10));
  return days.sort().at(-1) ?? null;
}

/**
 * Ids of the papers published or listed on the days `from`..`to` (inclusive, YYYY-MM-DD), newest
 * published first, at most `limit` of each kind. Both reads stay inside their index (no row
 * lookups): withdrawn papers are left out later, when the picked papers are read.
 */
export async function listRecentPaperIds(db: Db, window: { from: string; to: string }, limit: number): Promise<number[]> {
  const [published, listed] = await Promise.all([
    db.kysely
      .selectFrom('papers')
      .select('id')
      .where('published_at', '>=', window.from)
      .where('published_at', '<', nextDay(window.to))
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
    db.kysely.selectFrom('listings').select('paper_id').distinct().where('listed_on', '>=', window.from).where('listed_on', '<=', window.to).limit(limit).execute(),
  ]);
  return [...new Set([...published.map((r) => Number(r.id)), ...listed.map((r) => Number(r.paper_id))])];
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Marks a paper "Not interested" for a user; false when it was already. */
export async function insertForYouHidden(db: Db, row: { userId: number; paperId: number; at: string }): Promise<boolean> {
  const inserted = await db.kysely
    .insertInto('for_you_hidden')
    .values({ user_id: row.userId, paper_id: row.paperId, hidden_at: row.at })
    .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
    .returning('paper_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Takes a paper back into a user's feed; false when it was not hidden. */
export async function deleteForYouHidden(db: Db, userId: number, paperId: number): Promise<boolean> {
  const deleted = await db.kysely.deleteFrom('for_you_hidden').where('user_id', '=', userId).where('paper_id', '=', paperId).returning('paper_id').executeTakeFirst();
  return deleted !== undefined;
}

/** The papers a user hid from their feed, the most recent `limit`. */
export async function listForYouHiddenIds(db: Db, userId: number, limit: number): Promise<number[]> {
  const rows = await db.kysely.selectFrom('for_you_hidden').select('paper_id').where('user_id', '=', userId).orderBy('hidden_at', 'desc').orderBy('paper_id').limit(limit).execute();
  return rows.map((r) => Number(r.paper_id));
}

/** Whether the user hid this paper. */
export async function isForYouHidden(db: Db, userId: number, paperId: number): Promise<boolean> {
  return (await db.kysely.selectFrom('for_you_hidden').select('paper_id').where('user_id', '=', userId).where('paper_id', '=', paperId).executeTakeFirst()) !== undefined;
}
