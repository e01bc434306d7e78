import { trendingScore } from '../../domain/trending';
import type { Db } from '../../storage/database';
import { listPaperCounterInputs, lockPapers, updatePaperCounters, type PaperCounters } from '../../storage/repos/paper-counters';
import type { ImportRecord } from './import-record';

/** Counts a source gives for a paper as a whole (an HF item's `paper.upvotes`, `numComments`). */
export type ImportedPaperCounts = NonNullable<ImportRecord['paperCounts']>;

/**
 * Recomputes the derived columns of the given papers from their listings, votes and comments:
 * - imported_upvotes: the largest snapshot known (listings, the source's paper count, and the
 *   stored value, since snapshots only ever undercount), never touched by local votes;
 * - upvotes = imported_upvotes + vote rows; num_comments = imported_comments + visible comment
 *   rows (not deleted, not hidden: as refreshCommentCount in comments-repo.ts);
 * - first_listed_at = earliest listing; trending_score from domain/trending.ts.
 * Writes only papers whose values change (and leaves `updated_at`, which tracks content, alone).
 * Runs inside the caller's transaction and locks the papers first, so a concurrent vote is
 * neither lost nor counted twice (see lockPapers).
 */
export async function refreshPaperCounters(db: Db, paperIds: number[], importedCounts: Map<number, ImportedPaperCounts>): Promise<void> {
  if (paperIds.length === 0) return;
  await lockPapers(db, paperIds);
  const changes: PaperCounters[] = [];
  for (const p of await listPaperCounterInputs(db, paperIds)) {
    const given = importedCounts.get(p.paperId);
    const importedUpvotes = Math.max(p.importedUpvotes, p.listingUpvotes ?? 0, given?.upvotes ?? 0);
    const importedComments = Math.max(p.importedComments, p.listingComments ?? 0, given?.comments ?? 0);
    const upvotes = importedUpvotes + p.voteCount;
    const firstListedAt = p.earliestListing;
    const next: PaperCounters = {
      paperId: p.paperId,
      importedUpvotes,
      upvotes,
      importedComments,
      numComments: importedComments + p.commentCount,
      trendingScore: firstListedAt === null ? null : trendingScore(upvotes, firstListedAt),
      firstListedAt,
    };
    if ((Object.keys(next) as (keyof PaperCounters)[]).some((key) => next[key] !== p[key])) changes.push(next);
  }
  await updatePaperCounters(db, changes);
}
