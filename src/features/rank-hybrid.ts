import { blendRankings, fuseRankings, RRF_K } from '../domain/rank-fusion';
import { parseSearchQuery, positiveUnits } from '../domain/search-query';
import type { VectorSearch } from '../embed/vector-search';
import type { Db } from '../storage/database';
import { filterPaperIds } from '../storage/repos/paper-texts-repo';
import type { KeywordSearch, SearchFilters, SearchHit } from '../storage/search/keyword-search';
import { SENTENCE_UNITS } from '../storage/search/search-plan';

/** How hybrid results are ranked. */
export type HybridSettings = {
  /** Candidates taken from each side (at least the page's end). */
  depth: number;
  /** RRF constant. */
  k: number;
  /** Weight of the vector list against the keyword list's 1 (RRF). */
  vectorWeight: number;
  /**
   * `rrf`: reciprocal-rank fusion. `blend`: a convex combination of the keyword score (divided by
   * the best one) and the cosine (min-max over the candidates), `alpha` on the cosine, over the
   * union of both candidate lists, every candidate scored on both sides.
   */
  fusion: 'rrf' | 'blend';
  alpha: number;
  /**
   * Blend only: for sentence-long queries (more than SENTENCE_UNITS words or phrases, which the
   * keyword engine matches on any of their rarest words), the keyword side counts only as much as
   * its best results agree with the query's meaning (`keywordAgreement`).
   */
  isKeywordGated: boolean;
};

/**
 * alpha 0.4 (SciFact train at BM25's level, known-item MRR@10 above 0.92) and the keyword gate,
 * which holds those and doubles the research questions' Recall@100; see docs/benchmarks.md §8 and
 * the research-question section.
 */
export const HYBRID: HybridSettings = { depth: 100, k: RRF_K, vectorWeight: 1, fusion: 'blend', alpha: 0.4, isKeywordGated: true };
/** Pages past this many fused results come from keyword ranking alone. */
export const MAX_FUSED = 1000;
/** Over-fetch from the approximate index when filters may drop candidates. */
const FILTERED_OVERFETCH = 4;

/** A ranked id list with the total the pages should announce. */
export type RankedIds = { ids: number[]; total: number; isTotalExact: boolean };

/**
 * The nearest papers to `text` that pass `filters`, best first, at most `limit`: the index is
 * asked for more when filters are set (they are applied afterwards, in SQL, as is existence).
 */
export async function rankByVector(db: Db, vectors: VectorSearch, text: string, filters: SearchFilters, limit: number): Promise<number[] | null> {
  const isFiltered = Object.values(filters).some((v) => v !== undefined && v !== false);
  const hits = await vectors.nearest(text, isFiltered ? limit * FILTERED_OVERFETCH : limit);
  if (hits === null) return null;
  // Always through SQL: it also drops papers deleted since they were indexed.
  return (await filterPaperIds(db, hits.map((h) => h.paperId), filters)).slice(0, limit);
}

/**
 * Keyword and vector rankings fused (HybridSettings.fusion), `need` results deep (or null when the
 * vector side is not available). The total is the keyword total or the fused count, whichever
 * is larger: every fused result is a result.
 */
export async function rankHybrid(
  deps: { db: Db; search: KeywordSearch; vectors: VectorSearch },
  text: string,
  filters: SearchFilters,
  need: number,
  settings: HybridSettings = HYBRID,
): Promise<RankedIds | null> {
  const depth = Math.max(settings.depth, need);
  const [keyword, vector] = await Promise.all([
    deps.search.search({ text, filters, sort: 'relevance', offset: 0, limit: depth }),
    rankByVector(deps.db, deps.vectors, text, filters, depth),
  ]);
  if (vector === null) return null;
  const keywordIds = keyword.hits.map((h) => h.paperId);
  const fused = settings.fusion === 'rrf'
    ? fuseRankings([{ ids: keywordIds }, { ids: vector, weight: settings.vectorWeight }], settings.k).map((f) => f.id)
    : await blend(deps.vectors, text, keyword.hits, vector, settings);
  const total = Math.max(keyword.total, fused.length);
  return { ids: fused, total, isTotalExact: keyword.isTotalExact && total === keyword.total };
}

/** The convex blend of HybridSettings: every candidate gets its cosine, keyword-only ones computed from their text. */
async function blend(vectors: VectorSearch, text: string, keyword: SearchHit[], vector: number[], settings: HybridSettings): Promise<number[]> {
  const candidates = [...new Set([...keyword.map((h) => h.paperId), ...vector])];
  const cosine = (await vectors.similarities(text, candidates)) ?? new Map<number, number>();
  const isSentence = positiveUnits(parseSearchQuery(text)).length > SENTENCE_UNITS;
  return blendRankings({
    keyword: keyword.map((h) => ({ id: h.paperId, score: h.score })),
    vector,
    cosine,
    alpha: settings.alpha,
    isKeywordGated: settings.isKeywordGated && isSentence,
  });
}
