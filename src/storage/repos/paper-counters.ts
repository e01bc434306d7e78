import type { Db } from '../database';
import { chunkRows } from './chunk-rows';

/** The derived columns of a paper, as `updatePaperCounters` writes them. */
export type PaperCounters = {
  paperId: number;
  importedUpvotes: number;
  upvotes: number;
  importedComments: number;
  numComments: number;
  trendingScore: number | null;
  firstListedAt: string | null;
};

/** A paper's stored counters next to the facts they are derived from. */
export type PaperCounterInputs = PaperCounters & {
  /** Largest imported upvote snapshot over the paper's listings (null: none known). */
  listingUpvotes: number | null;
  listingComments: number | null;
  /** Earliest `submitted_at` over its listings. */
  earliestListing: string | null;
  voteCount: number;
  /** Comments neither deleted by their author nor hidden by a moderator. */
  commentCount: number;
};

/**
 * Locks the papers' rows until the surrounding transaction ends (PostgreSQL; SQLite has one
 * writer at a time anyway). Votes change `upvotes` by ±1 under the same row lock, so a
 * recomputation that locks first, then reads the vote count in a fresh statement, cannot
 * overwrite a vote committed in between. Call inside a transaction, before listPaperCounterInputs.
 */
export async function lockPapers(db: Db, paperIds: number[]): Promise<void> {
  if (db.dialect !== 'postgres') return;
  for (const ids of chunkRows([...new Set(paperIds)].sort((a, b) => a - b), 1)) {
    await db.kysely.selectFrom('papers').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
  }
}

/** Reads, for each paper, its counters and the listing, vote and comment facts behind them. */
export async function listPaperCounterInputs(db: Db, paperIds: number[]): Promise<PaperCounterInputs[]> {
  const out: PaperCounterInputs[] = [];
  for (const ids of chunkRows([...new Set(paperIds)], 1)) {
    const rows = await db.kysely
      .selectFrom('papers as p')
      .select((eb) => [
        'p.id',
        'p.imported_upvotes',
        'p.upvotes',
        'p.imported_comments',
        'p.num_comments',
        'p.trending_score',
        'p.first_listed_at',
        eb.selectFrom('listings as l').whereRef('l.paper_id', '=', 'p.id').select((s) => s.fn.max('l.imported_upvotes').as('m')).as('listing_upvotes'),
        eb.selectFrom('listings as l').whereRef('l.paper_id', '=', 'p.id').select((s) => s.fn.max('l.imported_comments').as('m')).as('listing_comments'),
        eb.selectFrom('listings as l').whereRef('l.paper_id', '=', 'p.id').select((s) => s.fn.min('l.submitted_at').as('m')).as('earliest_listing'),
        eb.selectFrom('votes as v').whereRef('v.paper_id', '=', 'p.id').select((s) => s.fn.countAll<number>().as('n')).as('vote_count'),
        // Visible comments only: the rule refreshCommentCount (comments-repo.ts) applies on every change.
        eb
          .selectFrom('comments as c')
          .whereRef('c.paper_id', '=', 'p.id')
          .where('c.deleted_at', 'is', null)
          .where('c.hidden_at', 'is', null)
          .select((s) => s.fn.countAll<number>().as('n'))
          .as('comment_count'),
      ])
      .where('p.id', 'in', ids)
      .execute();
    for (const r of rows) {
      out.push({
        paperId: r.id,
        importedUpvotes: r.imported_upvotes,
        upvotes: r.upvotes,
        importedComments: r.imported_comments,
        numComments: r.num_comments,
        trendingScore: r.trending_score,
        firstListedAt: r.first_listed_at,
        listingUpvotes: r.listing_upvotes ?? null,
        listingComments: r.listing_comments ?? null,
        earliestListing: r.earliest_listing ?? null,
        voteCount: Number(r.vote_count ?? 0),
        commentCount: Number(r.comment_count ?? 0),
      });
    }
  }
  return out;
}

/** Writes the derived columns of each paper (one statement per paper; callers pass only changes). */
export async function updatePaperCounters(db: Db, counters: PaperCounters[]): Promise<void> {
  for (const c of counters) {
    await db.kysely
      .updateTable('papers')
      .set({
        imported_upvotes: c.importedUpvotes,
        upvotes: c.upvotes,
        imported_comments: c.importedComments,
        num_comments: c.numComments,
        trending_score: c.trendingScore,
        first_listed_at: c.firstListedAt,
      })
      .where('id', '=', c.paperId)
      .execute();
  }
}
