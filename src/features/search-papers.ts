import type { Deps } from '../deps';
import { createHighlighter, type Span } from '../domain/highlight';
import { InputError } from '../domain/input-error';
import type { Paper } from '../domain/paper';
import { parseDay } from '../domain/period';
import { parseSearchQuery } from '../domain/search-query';
import type { SearchFilters, SearchSort } from '../storage/search/keyword-search';
import { listFirstListings, type FirstListing } from '../storage/repos/listings-repo';
import { listPapersByIds } from '../storage/repos/papers-repo';
import { MAX_FUSED, rankByVector, rankHybrid, type RankedIds } from './rank-hybrid';

export type { Span } from '../domain/highlight';
export type { SearchFilters, SearchSort } from '../storage/search/keyword-search';

/** Longest accepted query text (a pasted abstract fits; anything longer is refused). */
export const MAX_QUERY_LENGTH = 10_000;
/** Deepest page: past it, narrow the query or the filters. */
export const MAX_PAGE = 1000;
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 20;
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'newest', 'upvotes'];
/** `keyword` (words), `vector` (meaning, the embedding model) or `hybrid` (both, fused). */
export type SearchMode = 'keyword' | 'vector' | 'hybrid';
export const SEARCH_MODES: readonly SearchMode[] = ['keyword', 'vector', 'hybrid'];

// arXiv categories: cs.CL, hep-th, quant-ph, astro-ph.CO, cond-mat.mes-hall, q-bio.NC …
const CATEGORY = /^[a-z]{1,12}(-[a-z]{1,12})?(\.[A-Za-z]{1,12}(-[a-z]{1,12})?)?$/;

/** What a caller (page, API, CLI) asks for; everything is optional and validated here. */
export type SearchPapersInput = {
  q?: string;
  filters?: SearchFilters;
  /** `relevance` (default), `newest` or `upvotes`; anything else is an InputError. */
  sort?: string;
  /** 1-based. */
  page?: number;
  perPage?: number;
  /** Default: hybrid when vector search is available, keyword otherwise. */
  mode?: string;
};

export type SearchResult = {
  paper: Paper;
  titleSpans: Span[];
  abstractSpans: Span[];
  /** The paper's first day on a daily list, or null when it was never listed. */
  listing: FirstListing | null;
};

export type SearchPapersOutput = {
  /** The query text as given ('' when absent). */
  query: string;
  /** Matching papers; a lower bound when `isTotalExact` is false (very common words). */
  total: number;
  isTotalExact: boolean;
  page: number;
  perPage: number;
  sort: SearchSort;
  filters: SearchFilters;
  /** The mode that ran: a vector or hybrid request without a vector index runs as keyword. */
  mode: SearchMode;
  results: SearchResult[];
};

/**
 * Search over titles, abstracts and authors, with filters, sorting and paging; each result
 * carries highlight spans of its title and abstract and its first listing. Relevance order is
 * hybrid (keyword and vector rankings fused) when the vector index is available; `newest` and
 * `upvotes` order the keyword matches, and pages past the first 1,000 fused results come from
 * keyword ranking. Bad input (query over 10,000 characters, page out of 1..1000, perPage out of
 * 1..100, impossible dates, from after to, malformed category, unknown sort or mode) throws an
 * InputError saying what to fix.
 */
export async function searchPapers(deps: Deps, input: SearchPapersInput): Promise<SearchPapersOutput> {
  const v = validate(input);
  const offset = (v.page - 1) * v.perPage;
  const ranked = await rankByMeaning(deps, v, offset);
  const found = ranked ?? (await keywordPage(deps, v, offset));
  const mode: SearchMode = ranked ? ranked.mode : 'keyword';
  const ids = found.ids;
  const [papers, listings] = await Promise.all([listPapersByIds(deps.db, ids), listFirstListings(deps.db, ids)]);
  const highlight = createHighlighter(parseSearchQuery(v.query));
  const results = papers.map((paper) => ({
    paper,
    titleSpans: highlight(paper.title),
    abstractSpans: highlight(paper.abstract ?? ''),
    listing: listings.get(paper.id) ?? null,
  }));
  const { requestedMode: _, ...echo } = v;
  return { ...echo, mode, total: found.total, isTotalExact: found.isTotalExact, results };
}

async function keywordPage(deps: Deps, v: Valid, offset: number): Promise<RankedIds> {
  const found = await deps.search.search({ text: v.query, filters: v.filters, sort: v.sort, offset, limit: v.perPage });
  return { ids: found.hits.map((h) => h.paperId), total: found.total, isTotalExact: found.isTotalExact };
}

/** A page ranked by vector or hybrid, or null when keyword search should answer. */
async function rankByMeaning(deps: Deps, v: Valid, offset: number): Promise<(RankedIds & { mode: SearchMode }) | null> {
  const vectors = deps.vectors;
  const wantsMeaning = v.requestedMode !== 'keyword' && v.sort === 'relevance' && v.query.trim() !== '' && offset + v.perPage <= MAX_FUSED;
  if (!vectors || !wantsMeaning || !(await vectors.ready())) return null;
  const end = offset + v.perPage;
  if (v.requestedMode === 'vector') {
    const ids = await rankByVector(deps.db, vectors, v.query, v.filters, Math.min(MAX_FUSED, Math.max(end, 100)));
    if (ids === null) return null;
    return { ids: ids.slice(offset, end), total: ids.length, isTotalExact: true, mode: 'vector' };
  }
  const fused = await rankHybrid({ db: deps.db, search: deps.search, vectors }, v.query, v.filters, end);
  if (fused === null) return null;
  return { ...fused, ids: fused.ids.slice(offset, end), mode: 'hybrid' };
}

type Valid = { query: string; filters: SearchFilters; sort: SearchSort; page: number; perPage: number; requestedMode: SearchMode | undefined };

function validate(input: SearchPapersInput): Valid {
  const query = input.q ?? '';
  if (typeof query !== 'string') throw new InputError('q must be text');
  if (query.length > MAX_QUERY_LENGTH) {
    throw new InputError(`the query is ${query.length} characters long; at most ${MAX_QUERY_LENGTH} are accepted`);
  }
  const sort = (input.sort ?? 'relevance') as SearchSort;
  if (!SEARCH_SORTS.includes(sort)) throw new InputError(`sort must be one of ${SEARCH_SORTS.join(', ')}`);
  const page = input.page ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw new InputError(`page must be a whole number from 1 to ${MAX_PAGE}`);
  const perPage = input.perPage ?? DEFAULT_PER_PAGE;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw new InputError(`perPage must be a whole number from 1 to ${MAX_PER_PAGE}`);
  }
  const requestedMode = input.mode as SearchMode | undefined;
  if (requestedMode !== undefined && !SEARCH_MODES.includes(requestedMode)) throw new InputError(`mode must be one of ${SEARCH_MODES.join(', ')}`);
  return { query, sort, page, perPage, requestedMode, filters: validateFilters(input.filters ?? {}) };
}

/**
 * The search filters checked as the search page checks them (real days, from <= to, an arXiv
 * category, a boolean hasCode); unknown fields are dropped. Throws an InputError saying what to fix.
 */
export function validateFilters(f: SearchFilters): SearchFilters {
  const out: SearchFilters = {};
  for (const key of ['from', 'to'] as const) {
    const day = f[key];
    if (day === undefined) continue;
    const parsed = parseDay(String(day));
    if (!parsed.ok) throw new InputError(`${key}: ${parsed.reason}`);
    out[key] = parsed.period.from;
  }
  if (out.from !== undefined && out.to !== undefined && out.from > out.to) {
    throw new InputError(`from (${out.from}) is after to (${out.to})`);
  }
  if (f.category !== undefined) {
    if (typeof f.category !== 'string' || !CATEGORY.test(f.category)) {
      throw new InputError('category must be an arXiv category such as cs.CL, hep-th or astro-ph.CO');
    }
    out.category = f.category;
  }
  if (f.hasCode !== undefined) {
    if (typeof f.hasCode !== 'boolean') throw new InputError('hasCode must be true or false');
    if (f.hasCode) out.hasCode = true;
  }
  return out;
}
