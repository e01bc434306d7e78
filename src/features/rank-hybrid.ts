import { fuseRankings, RRF_K } from '../domain/rank-fusion';
import type { VectorSearch } from '../embed/vector-search';
import type { Db } from '../storage/database';
import { filterPaperIds } from '../storage/repos/paper-texts-repo';
import type { KeywordSearch, SearchFilters } from '../storage/search/keyword-search';

/** How hybrid results are ranked. */
export type HybridSettings = {
  /** Candidates taken from each side (at least the page's end). */
  depth: number;
  /** RRF constant. */
  k: number;
  /** Weight of the vector list against the keyword list's 1. */
  vectorWeight: number;
};

/** Tuned on SciFact train (`npm run eval:search -- --mode hybrid`, docs/benchmarks.md). */
export const HYBRID: HybridSettings = { depth: 100, k: RRF_K, vectorWeight: 1 };
/** Pages past this many fused results come from keyword ranking alone. */
export const MAX_FUSED = 1000;
/** Over-fetch from the approximate index when filters may drop candidates. */
const FILTERED_OVERFETCH = 4;

/** A ranked id list with the total the pages should announce. */
export type RankedIds = { ids: number[]; total: number; isTotalExact: boolean };

/**
 * The nearest papers to `text` that pass `filters`, best first, at most `limit`: the index is
 * asked for more when filters are set (they are applied afterwards, in SQL).
 */
export async function rankByVector(db: Db, vectors: VectorSearch, text: string, filters: SearchFilters, limit: number): Promise<number[] | null> {
  const isFiltered = Object.values(filters).some((v) => v !== undefined && v !== false);
  const hits = await vectors.nearest(text, isFiltered ? limit * FILTERED_OVERFETCH : limit);
  if (hits === null) return null;
  const ids = hits.map((h) => h.paperId);
  return (isFiltered ? await filterPaperIds(db, ids, filters) : ids).slice(0, limit);
}

/**
 * Keyword and vector rankings fused by reciprocal rank, `need` results deep (or null when the
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
  const fused = fuseRankings([{ ids: keyword.hits.map((h) => h.paperId) }, { ids: vector, weight: settings.vectorWeight }], settings.k);
  const total = Math.max(keyword.total, fused.length);
  return { ids: fused.map((f) => f.id), total, isTotalExact: keyword.isTotalExact && total === keyword.total };
}
