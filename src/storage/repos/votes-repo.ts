import type { Transaction } from 'kysely';
import { trendingScore } from '../../domain/trending';
import type { Db } from '../database';
import type { Database } from '../schema';

/** What a vote write did: whether a row really changed, and the paper's count afterwards. */
export type VoteWrite = { isChanged: boolean; upvotes: number };

type Vote = { userId: number; paperId: number };

/**
 * Adds the user's upvote unless it exists. The primary key (user_id, paper_id) decides, inside
 * the statement, so any number of concurrent calls (processes, pool connections) make one row;
 * only the call whose row went in moves the counters, in the same transaction.
 *
 * Lock order is always vote row → paper row (here and in deleteVote), so concurrent votes on
 * PostgreSQL queue on the paper row instead of deadlocking. Inserting a vote takes only a key-share
 * lock on the paper (the foreign key), which does not conflict with another vote's counter update.
 */
export async function insertVote(db: Db, vote: Vote & { createdAt: string }): Promise<VoteWrite> {
  return db.kysely.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('votes')
      .values({ user_id: vote.userId, paper_id: vote.paperId, created_at: vote.createdAt })
      .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!inserted) return { isChanged: false, upvotes: await readUpvotes(trx, vote.paperId) };
    return { isChanged: true, upvotes: await moveCounters(trx, vote.paperId, 1) };
  });
}

/** Takes the user's upvote back if it exists; the counters move only when a row was deleted. */
export async function deleteVote(db: Db, vote: Vote): Promise<VoteWrite> {
  return db.kysely.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('votes')
      .where('user_id', '=', vote.userId)
      .where('paper_id', '=', vote.paperId)
      .returning('user_id')
      .executeTakeFirst();
    if (!deleted) return { isChanged: false, upvotes: await readUpvotes(trx, vote.paperId) };
    return { isChanged: true, upvotes: await moveCounters(trx, vote.paperId, -1) };
  });
}

/** The paper's current upvote count (0 when there is no such paper). */
export async function findUpvotes(db: Db, paperId: number): Promise<number> {
  const row = await db.kysely.selectFrom('papers').select('upvotes').where('id', '=', paperId).executeTakeFirst();
  return row?.upvotes ?? 0;
}

/** Of `paperIds`, those the user has upvoted (one query; for rendering a page of cards). */
export async function listVotedPaperIds(db: Db, userId: number, paperIds: number[]): Promise<Set<number>> {
  if (paperIds.length === 0) return new Set();
  const rows = await db.kysely
    .selectFrom('votes')
    .select('paper_id')
    .where('user_id', '=', userId)
    .where('paper_id', 'in', [...new Set(paperIds)])
    .execute();
  return new Set(rows.map((r) => r.paper_id));
}

/**
 * `upvotes ± 1` in SQL (never a value computed from an earlier read), then the trending score
 * from the new count with the same function the importer uses (refresh-paper-counters.ts), so both
 * paths store the same score. The second statement reads what the first wrote: the row lock taken
 * by the first holds until commit, so no other vote can slip between them.
 */
async function moveCounters(trx: Transaction<Database>, paperId: number, delta: 1 | -1): Promise<number> {
  const row = await trx
    .updateTable('papers')
    .set((eb) => ({ upvotes: eb('upvotes', '+', delta) }))
    .where('id', '=', paperId)
    .returning(['upvotes', 'first_listed_at'])
    .executeTakeFirstOrThrow();
  // A paper never listed has no trending score (as in the importer); it gets one when listed.
  if (row.first_listed_at !== null) {
    await trx
      .updateTable('papers')
      .set({ trending_score: trendingScore(row.upvotes, row.first_listed_at) })
      .where('id', '=', paperId)
      .execute();
  }
  return row.upvotes;
}

async function readUpvotes(trx: Transaction<Database>, paperId: number): Promise<number> {
  const row = await trx.selectFrom('papers').select('upvotes').where('id', '=', paperId).executeTakeFirstOrThrow();
  return row.upvotes;
}
