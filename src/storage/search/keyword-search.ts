/**
 * The keyword search provider interface. Two implementations (sqlite-fts5.ts, postgres-fts.ts)
 * answer the same request with the same result shape; nothing outside storage/search knows
 * which engine runs.
 */
export type SearchFilters = {
  /** Published on or after this day (YYYY-MM-DD). */
  from?: string;
  /** Published on or before this day (YYYY-MM-DD). */
  to?: string;
  /** arXiv category, e.g. `cs.CL`. */
  category?: string;
  /** Only papers with a code repository. */
  hasCode?: boolean;
  /**
   * Only papers with `after < id <= through`. Ids grow as papers arrive, so this reads "arrived
   * since": saved-search alerts use it. Set by code only, never from a request.
   */
  idRange?: { after: number; through: number };
};

export type SearchSort = 'relevance' | 'newest' | 'upvotes';

export type SearchRequest = {
  /** The user's query as typed; the provider never passes it to the engine as syntax. */
  text: string;
  filters: SearchFilters;
  sort: SearchSort;
  offset: number;
  limit: number;
};

export type SearchHit = { paperId: number; score: number };

export type SearchPage = {
  /** Number of matching papers (may be capped by the provider for speed; see `isTotalExact`). */
  total: number;
  isTotalExact: boolean;
  hits: SearchHit[];
};

export interface KeywordSearch {
  search(request: SearchRequest): Promise<SearchPage>;
}
