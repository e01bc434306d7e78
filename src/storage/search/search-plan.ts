import { sql, type RawBuilder } from 'kysely';
import { positiveUnits, type SearchQuery } from '../../domain/search-query';
import type { Db } from '../database';
import type { SearchHit, SearchPage, SearchRequest, SearchSort } from './keyword-search';
import { filterConditions, metadataOrder, whereClause } from './search-filters';

/**
 * The matching strategy both engines share.
 *
 * - `all`: a paper must contain every term and phrase; `any`: at least one, and relevance
 *   ranking (bm25 / ts_rank) puts papers holding more and rarer terms first. Short queries try
 *   `all` and fall back to `any` when it finds too little; sentences (many terms, e.g. a claim
 *   pasted from a paper) go straight to `any`, since hardly any abstract holds every word.
 * - `any` keeps the rarest units whose posting lists add up to the engine's `rankLimit`, so a
 *   sentence never makes the engine rank most of the corpus; the dropped units are the common
 *   ones, whose weight is small. A unit found in more than half of the papers is always left
 *   out there (BM25's IDF is zero for it: it would only add unranked papers). `all` keeps every
 *   unit, since each one narrows the set ("world model" is not "world").
 * - A match set larger than `rankLimit` is not ranked exhaustively: relevance order becomes
 *   "papers with the words in their title first, then the rest, most recently added first"
 *   (`broadPage`), which is what a one-word query on a common topic needs, and stays fast.
 */
export type MatchMode = 'all' | 'any';

/** More positive terms and phrases than this and the query is treated as a sentence. */
export const SENTENCE_UNITS = 4;
/** Under relevance sort, an `all` match with fewer results than this falls back to `any`. */
export const MIN_ALL_TERMS_RESULTS = 5;
/** With `any`, a unit in more than this share of the papers is left out… */
export const COMMON_SHARE = 0.5;
/** …once the corpus is large enough for the share to mean something. */
export const MIN_PAPERS_FOR_STOP_WORDS = 1_000;

/** An engine's cost limits (tests lower them to exercise the broad path on a small corpus). */
export type SearchLimits = {
  /** Largest match set ranked exhaustively (and budget of the `any` units' posting lists). */
  rankLimit: number;
  /** Counting stops past this; the total is then "at least" (`isTotalExact: false`). */
  totalCap: number;
};

/** What an engine supplies; `units` are words or phrases from the parsed query. */
export type TextMatcher = SearchLimits & {
  /** Papers containing the unit, all filters aside (an estimate is fine; 0 only when sure). */
  documentFrequency(unit: string): Promise<number>;
  paperCount(): Promise<number>;
  /**
   * Matching papers under the request's filters and exclusions, counting at most `cap`;
   * `estimate` bounds the unfiltered match count (smallest or summed document frequency).
   */
  count(units: string[], mode: MatchMode, cap: number, estimate: number): Promise<number>;
  /** A page of a match set no larger than `rankLimit`, in the requested order; `idf[i]` weighs `units[i]`. */
  rankedPage(units: string[], mode: MatchMode, sort: SearchSort, offset: number, limit: number, idf: number[]): Promise<SearchHit[]>;
  /** A page of a larger match set: title matches first then newest added, or the requested metadata order. */
  broadPage(units: string[], mode: MatchMode, sort: SearchSort, offset: number, limit: number): Promise<SearchHit[]>;
};

/**
 * Document frequencies are a scan of a posting list each, so the expensive ones (common units)
 * are remembered for a while; they move slowly. Small ones are cheap and never cached, so a
 * paper added a moment ago is always found.
 */
export class FrequencyCache {
  private readonly entries = new Map<string, { value: number; at: number }>();
  constructor(
    private readonly minCached = 1_000,
    private readonly ttlMs = 10 * 60_000,
    private readonly maxEntries = 5_000,
  ) {}

  async get(key: string, compute: () => Promise<number>): Promise<number> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = await compute();
    if (value >= this.minCached) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { value, at: Date.now() });
    }
    return value;
  }
}

/** Runs a text query: unit selection, `all` → `any` fallback, capped total, ranked or broad page. */
export async function runTextSearch(q: SearchQuery, req: SearchRequest, m: TextMatcher, cache: FrequencyCache): Promise<SearchPage> {
  const empty: SearchPage = { total: 0, isTotalExact: true, hits: [] };
  const units = positiveUnits(q);
  const [papers, ...dfs] = await Promise.all([
    cache.get('\u0000papers', () => m.paperCount()),
    ...units.map((u) => cache.get(u, () => m.documentFrequency(u))),
  ]);
  const found = units.map((unit, i) => ({ unit, df: dfs[i]! })).filter((u) => u.df > 0).sort((a, b) => a.df - b.df);
  if (found.length === 0) return empty; // no word of the query occurs anywhere
  const isLarge = papers! >= MIN_PAPERS_FOR_STOP_WORDS;
  const informative = isLarge ? found.filter((u) => u.df <= papers! * COMMON_SHARE) : found;
  const anyUnits = withinBudget(informative.length > 0 ? informative : found.slice(0, 1), m.rankLimit);

  const modes: MatchMode[] =
    found.length === 1 ? ['all'] : units.length > SENTENCE_UNITS || found.length < units.length ? ['any'] : ['all', 'any'];
  for (const [i, mode] of modes.entries()) {
    const chosen = mode === 'all' ? found : anyUnits;
    const selected = chosen.map((u) => u.unit);
    const dfs = chosen.map((u) => u.df);
    const estimate = mode === 'all' ? Math.min(...dfs) : dfs.reduce((a, b) => a + b, 0);
    const counted = await m.count(selected, mode, m.totalCap + 1, estimate);
    const isEnough = req.sort === 'relevance' ? counted >= MIN_ALL_TERMS_RESULTS : counted > 0;
    if (i < modes.length - 1 && !isEnough) continue;
    const total = { total: Math.min(counted, m.totalCap), isTotalExact: counted <= m.totalCap };
    if (counted === 0 || req.offset >= counted) return { ...total, hits: [] };
    // A capped count cannot prove a set small, so the smaller of the two limits decides.
    const hits = counted > Math.min(m.rankLimit, m.totalCap)
      ? await m.broadPage(selected, mode, req.sort, req.offset, req.limit)
      : await m.rankedPage(selected, mode, req.sort, req.offset, req.limit, chosen.map((u) => idf(papers!, u.df)));
    return { ...total, hits };
  }
  return empty;
}

/** BM25's inverse document frequency, floored so that every unit keeps some weight. */
export function idf(papers: number, df: number): number {
  const ratio = (papers - df + 0.5) / (df + 0.5);
  return Number.isFinite(ratio) && ratio > 1.01 ? Math.log(ratio) : 0.01;
}

/** The rarest units whose document frequencies add up to at most `budget` (at least one). */
function withinBudget<T extends { df: number }>(sortedByDf: T[], budget: number): T[] {
  const out: T[] = [];
  let sum = 0;
  for (const u of sortedByDf) {
    if (out.length > 0 && sum + u.df > budget) break;
    out.push(u);
    sum += u.df;
  }
  return out;
}

/**
 * Pages through two tiers (title matches, then the other matches), each in its own order:
 * `countFirst(cap)` counts the first tier up to `cap`; `pageOf(tier, offset, limit)` pages a tier.
 */
export async function pageTwoTiers(
  offset: number,
  limit: number,
  countFirst: (cap: number) => Promise<number>,
  pageOf: (tier: 1 | 2, offset: number, limit: number) => Promise<SearchHit[]>,
): Promise<SearchHit[]> {
  const first = await countFirst(offset + limit);
  if (first >= offset + limit) return pageOf(1, offset, limit);
  const head = offset < first ? await pageOf(1, offset, first - offset) : [];
  const tail = await pageOf(2, Math.max(0, offset - first), limit - head.length);
  return [...head, ...tail];
}

/**
 * A request without text: with no filter either there is nothing to search; with filters the
 * matching papers are listed by the chosen sort (relevance means newest here). `extra` holds
 * engine conditions such as exclusions (`-word` alone).
 */
export async function listWithoutText(db: Db, req: SearchRequest, extra: RawBuilder<unknown>[], cap: number): Promise<SearchPage> {
  const filters = filterConditions(req.filters);
  if (filters.length === 0) return { total: 0, isTotalExact: true, hits: [] };
  const where = whereClause([...filters, ...extra]);
  const order = metadataOrder(req.sort === 'relevance' ? 'newest' : req.sort);
  const [rows, counted] = await Promise.all([
    sql<{ id: number }>`select papers.id as id from papers ${where} order by ${order} limit ${req.limit} offset ${req.offset}`.execute(db.kysely),
    sql<{ n: number }>`select count(*) as n from (select 1 from papers ${where} limit ${cap + 1}) capped`.execute(db.kysely),
  ]);
  const n = Number(counted.rows[0]?.n ?? 0);
  return {
    total: Math.min(n, cap),
    isTotalExact: n <= cap,
    hits: rows.rows.map((r) => ({ paperId: Number(r.id), score: 0 })),
  };
}
