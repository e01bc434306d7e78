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

/** A keyword hit as the blend sees it: higher score is better. */
export type ScoredId = { id: number; score: number };

/** How many of each side's best results `keywordAgreement` compares. */
export const AGREEMENT_DEPTH = 10;
/**
 * Agreement at or above which the gated keyword side keeps its full weight (below it, the weight
 * falls in proportion): claims and titles, whose keyword matches are on topic, mostly score above
 * it (SciFact median 0.85), rare-word matches of research questions below it (median 0.46).
 */
export const FULL_AGREEMENT = 0.8;

/**
 * How close the keyword side's best results are to the query's meaning, relative to the vector
 * side's best: the mean cosine of the keyword top `depth` divided by the mean cosine of the vector
 * top `depth`, clamped to [0, 1]. Near 1 when the words found papers on the query's topic; low when
 * a sentence-long question matched only on a rare word ("planting" → plant phenotyping). 1 when
 * either side is empty or the vector side has no positive cosine (nothing to compare against).
 */
export function keywordAgreement(keywordIds: readonly number[], vectorIds: readonly number[], cosine: ReadonlyMap<number, number>, depth = AGREEMENT_DEPTH): number {
  const meanOf = (ids: readonly number[]) => {
    const top = ids.slice(0, depth);
    return top.reduce((sum, id) => sum + (cosine.get(id) ?? 0), 0) / top.length;
  };
  if (keywordIds.length === 0 || vectorIds.length === 0) return 1;
  const vectorMean = meanOf(vectorIds);
  if (!(vectorMean > 0)) return 1;
  return Math.min(1, Math.max(0, meanOf(keywordIds) / vectorMean));
}

/**
 * The convex blend of a keyword and a vector ranking, best first, over the union of both
 * candidate lists (keyword's first, for ties): each candidate scores
 * `(1 - alpha) · gate · keyword / best keyword + alpha · (cosine − min) / (max − min)`, where the
 * min and max run over the candidates and a candidate missing from the keyword list has keyword 0.
 * `gate` is 1, or min(1, `keywordAgreement` ÷ FULL_AGREEMENT) when `isKeywordGated` (sentence-long
 * queries, whose keyword matches may rest on one rare word): the keyword side then counts only as
 * much as its best results agree with the query's meaning.
 */
export function blendRankings(input: {
  keyword: readonly ScoredId[];
  vector: readonly number[];
  cosine: ReadonlyMap<number, number>;
  alpha: number;
  isKeywordGated: boolean;
}): number[] {
  const { keyword, vector, cosine, alpha } = input;
  const candidates = [...new Set([...keyword.map((h) => h.id), ...vector])];
  if (candidates.length === 0) return [];
  const best = Math.max(0, ...keyword.map((h) => h.score));
  const kw = new Map(keyword.map((h) => [h.id, best > 0 ? Math.max(0, h.score) / best : 0]));
  const gate = input.isKeywordGated ? Math.min(1, keywordAgreement(keyword.map((h) => h.id), vector, cosine) / FULL_AGREEMENT) : 1;
  const values = candidates.map((id) => cosine.get(id) ?? 0);
  const lo = Math.min(...values);
  const span = Math.max(...values) - lo || 1;
  const scored = candidates.map((id, i) => ({ id, s: (1 - alpha) * gate * (kw.get(id) ?? 0) + (alpha * (values[i]! - lo)) / span }));
  return scored.sort((a, b) => b.s - a.s).map((x) => x.id);
}
