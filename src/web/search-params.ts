import { z } from 'zod';
import { InputError } from '../domain/input-error';
import { searchQueryString } from '../domain/saved-search';
import { MAX_PAGE, SEARCH_MODES, type SearchMode } from '../features/search-papers';
import type { SearchFilters, SearchSort } from '../storage/search/keyword-search';
import { parsePageParam } from './page-param';

/** Deepest result page (the use case's limit). */
export const MAX_SEARCH_PAGE = MAX_PAGE;

export type SearchParams = {
  q: string;
  filters: SearchFilters;
  sort: SearchSort;
  /** True when `sort` came from the URL (links then keep it). */
  isSortExplicit: boolean;
  /** How relevance is ranked when chosen (`mode=`); undefined: the default, words and meaning. */
  mode?: SearchMode;
  /** 1-based. */
  page: number;
};

// Dates and categories are checked by searchPapers; here they are only trimmed ('' = unset).
const optionalText = z
  .string()
  .optional()
  .transform((s) => s?.trim() || undefined);

const schema = z.object({
  q: z
    .string()
    .optional()
    // Pasted text may hold line breaks; other control characters (NUL …) have no place in a query.
    .transform((s) => (s ?? '').replace(/[\t\n\r]/g, ' ').trim())
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: 'the query contains control characters' }),
  from: optionalText,
  to: optionalText,
  category: optionalText,
  code: z
    .string()
    .optional()
    .refine((s) => s === undefined || ['', '0', '1', 'on', 'true'].includes(s), { message: 'code must be 1 or absent' })
    .transform((s) => (s === '1' || s === 'on' || s === 'true' ? true : undefined)),
  sort: z
    .string()
    .optional()
    .refine((s) => s === undefined || s === '' || ['relevance', 'newest', 'upvotes'].includes(s), {
      message: 'sort must be relevance, newest or upvotes',
    }),
  mode: z
    .string()
    .optional()
    .refine((s) => s === undefined || s === '' || (SEARCH_MODES as readonly string[]).includes(s), { message: 'mode must be hybrid, keyword or vector' })
    .transform((s) => (s ? (s as SearchMode) : undefined)),
  p: z.string().optional(),
});

/**
 * Reads the search page's query string into searchPapers' input. Refusals here (p=0, p=10^12,
 * control characters, unknown sort) and in searchPapers (from after to, a date that does not
 * exist, a query over 10,000 characters) are InputErrors, shown on a 400 page.
 */
export function parseSearchParams(query: Record<string, string | undefined>): SearchParams {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]!.message);
  const v = parsed.data;
  const page = parsePageParam(v.p, MAX_SEARCH_PAGE);
  const isSortExplicit = v.sort !== undefined && v.sort !== '';
  // Without words there is nothing to rank by relevance; newest first is the useful default.
  const sort = (isSortExplicit ? v.sort : v.q ? 'relevance' : 'newest') as SearchSort;
  const filters: SearchFilters = {};
  if (v.from) filters.from = v.from;
  if (v.to) filters.to = v.to;
  if (v.category) filters.category = v.category;
  if (v.code) filters.hasCode = true;
  return { q: v.q, filters, sort, isSortExplicit, page, ...(v.mode ? { mode: v.mode } : {}) };
}

/** True when any filter is set (then an empty query still lists papers). */
export function hasFilters(f: SearchFilters): boolean {
  return f.from !== undefined || f.to !== undefined || f.category !== undefined || f.hasCode === true;
}

/** The URL of a search with some parameters changed; empty values are left out. */
export function searchUrl(params: SearchParams, change: Partial<{ sort: SearchSort; page: number }> = {}): string {
  const sort = change.sort ?? (params.isSortExplicit ? params.sort : undefined);
  const u = new URLSearchParams(searchQueryString({ query: params.q, filters: params.filters, sort: sort ?? null }));
  if (params.mode) u.set('mode', params.mode);
  const page = change.page ?? params.page;
  if (page > 1) u.set('p', String(page));
  const s = u.toString();
  return s ? `/search?${s}` : '/search';
}
