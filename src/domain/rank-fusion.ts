/**
 * Reciprocal-rank fusion (Cormack et al., 2009): a document's fused score is Σ weight / (k + rank)
 * over the lists that hold it (rank 1-based). It needs no score calibration between BM25 and
 * cosine, and a document near the top of either list stays near the top.
 */
export type RankedList = { ids: readonly number[]; weight?: number };

/** RRF's damping constant; 60 is the usual value (bench/eval-search.ts --rrf-k tunes it). */
export const RRF_K = 60;

/**
 * Fuses ranked lists of ids into one, best first; ties keep the order of first appearance
 * (earlier lists first), so the result is deterministic.
 */
export function fuseRankings(lists: readonly RankedList[], k = RRF_K): Array<{ id: number; score: number }> {
  const scores = new Map<number, number>();
  for (const list of lists) {
    const w = list.weight ?? 1;
    const seen = new Set<number>();
    for (const [i, id] of list.ids.entries()) {
      if (seen.has(id)) continue; // a duplicate counts once, at its best rank
      seen.add(id);
      scores.set(id, (scores.get(id) ?? 0) + w / (k + i + 1));
    }
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
