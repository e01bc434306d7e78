import { sql, type RawBuilder } from 'kysely';
import { positiveUnits, type SearchQuery } from '../../domain/search-query';
import type { Db } from '../database';
import type { SearchHit, SearchPage, SearchRequest, SearchSort } from './keyword-search';
import { filterConditions, metadataOrder, whereClause } from './search-filters';

/**
 * The matching strategy both engines share. `all`: a paper must contain every term and phrase.
 * `any`: it must contain at least one, and relevance ranking puts papers matching more (and
 * rarer) terms first. Short queries try `all` first and fall back to `any` when it finds too
 * little; sentences (many terms, e.g. a claim pasted from a paper) go straight to `any`, since
 * almost no abstract contains every word of a sentence.
 */
export type MatchMode = 'all' | 'any';

/** More positive terms and phrases than this and the query is treated as a sentence. */
export const SENTENCE_UNITS = 4;
/** Under relevance sort, an `all` match with fewer results than this falls back to `any`. */
export const MIN_ALL_TERMS_RESULTS = 5;
/** Counting stops here: past it the total is reported as "at least" (`isTotalExact: false`). */
export const TOTAL_CAP = 10_000;

/** What an engine supplies: counting and paging the papers its text match selects. */
export type TextMatcher = {
  /** Matching papers under the request's filters, counting at most `cap`. */
  count(mode: MatchMode, cap: number): Promise<number>;
  page(mode: MatchMode, sort: SearchSort, offset: number, limit: number): Promise<SearchHit[]>;
};

/** Runs a text query with the `all` → `any` fallback and the capped total. */
export async function runTextSearch(q: SearchQuery, req: SearchRequest, matcher: TextMatcher): Promise<SearchPage> {
  const units = positiveUnits(q).length;
  const modes: MatchMode[] = units === 1 ? ['all'] : units > SENTENCE_UNITS ? ['any'] : ['all', 'any'];
  for (const [i, mode] of modes.entries()) {
    const isLast = i === modes.length - 1;
    // The page is fetched alongside the count: on PostgreSQL they run on two connections.
    const [counted, hits] = await Promise.all([
      matcher.count(mode, TOTAL_CAP + 1),
      matcher.page(mode, req.sort, req.offset, req.limit),
    ]);
    const isEnough = req.sort === 'relevance' ? counted >= MIN_ALL_TERMS_RESULTS : counted > 0;
    if (!isLast && !isEnough) continue;
    return { total: Math.min(counted, TOTAL_CAP), isTotalExact: counted <= TOTAL_CAP, hits };
  }
  return { total: 0, isTotalExact: true, hits: [] };
}

/**
 * A request without text: with no filter either there is nothing to search; with filters the
 * matching papers are listed by the chosen sort (relevance means newest here). `extra` holds
 * engine conditions such as exclusions (`-word` alone).
 */
export async function listWithoutText(db: Db, req: SearchRequest, extra: RawBuilder<unknown>[]): Promise<SearchPage> {
  const filters = filterConditions(req.filters);
  if (filters.length === 0) return { total: 0, isTotalExact: true, hits: [] };
  const where = whereClause([...filters, ...extra]);
  const order = metadataOrder(req.sort === 'relevance' ? 'newest' : req.sort);
  const [rows, counted] = await Promise.all([
    sql<{ id: number }>`select papers.id as id from papers ${where} order by ${order} limit ${req.limit} offset ${req.offset}`.execute(db.kysely),
    sql<{ n: number }>`select count(*) as n from (select 1 from papers ${where} limit ${TOTAL_CAP + 1}) capped`.execute(db.kysely),
  ]);
  const n = Number(counted.rows[0]?.n ?? 0);
  return {
    total: Math.min(n, TOTAL_CAP),
    isTotalExact: n <= TOTAL_CAP,
    hits: rows.rows.map((r) => ({ paperId: Number(r.id), score: 0 })),
  };
}
