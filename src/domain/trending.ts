/**
 * Trending score, stored in `papers.trending_score` and sorted by an index (as lobsters'
 * `calculated_hotness`).
 *
 *   score = log10(max(upvotes, 1)) + listedAtSeconds / GRAVITY_SECONDS
 *
 * Equivalent to ranking by `upvotes × 10^(−age / GRAVITY)`: every GRAVITY_SECONDS (2 days) of age
 * costs a factor of ten in upvotes, i.e. the weight of an upvote halves every ≈14.4 hours.
 * Because the age term is anchored at the epoch rather than at "now", the score of a paper only
 * changes when its upvotes change; no periodic recomputation is needed to keep the order current.
 */
export const GRAVITY_SECONDS = 2 * 86_400;

/** The stored trending score of a paper with `upvotes`, first listed at `listedAt` (ISO time). */
export function trendingScore(upvotes: number, listedAt: string): number {
  const seconds = Date.parse(listedAt) / 1000;
  const score = Math.log10(Math.max(upvotes, 1)) + seconds / GRAVITY_SECONDS;
  return Math.round(score * 1e7) / 1e7;
}
