import { InputError } from './input-error';

/** The filters of a search (the same fields as the search page and storage/search's SearchFilters). */
export type SavedSearchFilters = { from?: string; to?: string; category?: string; hasCode?: boolean };

/** The orders a search may be saved with. */
export type SavedSearchSort = 'relevance' | 'newest' | 'upvotes';

/** A member's saved search, as the rest of the code sees it. */
export type SavedSearch = {
  id: number;
  userId: number;
  /** What the member called it; '' when they gave no name (see savedSearchLabel). */
  name: string;
  /** The search words as typed ('' for a search by filters alone). */
  query: string;
  filters: SavedSearchFilters;
  /** The order chosen on the search page, or null (the page's default). */
  sort: SavedSearchSort | null;
  /** Papers with a higher id are new for this search's alerts. */
  alertedThroughId: number;
  createdAt: string;
};

/** What a member may keep (a soft limit: checked before the insert). */
export const SAVED_SEARCH_LIMITS = { perUser: 50, nameMax: 100 } as const;

// Control characters, bidirectional overrides and lone surrogates never belong in a name.
const BAD_CHARS = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A saved search's name: optional ('' when missing or blank), at most 100 characters on one line. */
export function parseSavedSearchName(input: unknown): string {
  if (input === undefined || input === null) return '';
  if (typeof input !== 'string') throw new InputError('the name must be text');
  const value = input.replace(/[\t\r\n]+/g, ' ').replace(/ +/g, ' ').trim();
  if ([...value].length > SAVED_SEARCH_LIMITS.nameMax) throw new InputError(`a saved search's name has at most ${SAVED_SEARCH_LIMITS.nameMax} characters`);
  if (BAD_CHARS.test(value)) throw new InputError("a saved search's name cannot contain control characters");
  return value;
}

/**
 * The canonical query string of a search (`q=…&from=…&to=…&category=…&code=1&sort=…`, empty
 * values left out, in the order the search page writes them): `/search?` + it runs the search,
 * and its hash tells two saves of one search apart from two different searches.
 */
export function searchQueryString(s: Pick<SavedSearch, 'query' | 'filters' | 'sort'>): string {
  const u = new URLSearchParams();
  if (s.query) u.set('q', s.query);
  if (s.filters.from) u.set('from', s.filters.from);
  if (s.filters.to) u.set('to', s.filters.to);
  if (s.filters.category) u.set('category', s.filters.category);
  if (s.filters.hasCode) u.set('code', '1');
  if (s.sort) u.set('sort', s.sort);
  return u.toString();
}

/** How a saved search is shown: its name, else its words in quotes, else its filters. */
export function savedSearchLabel(s: Pick<SavedSearch, 'name' | 'query' | 'filters'>): string {
  if (s.name) return s.name;
  const words = s.query.length > 80 ? `${s.query.slice(0, 80)}…` : s.query;
  const filters = describeFilters(s.filters);
  if (words) return filters ? `“${words}” (${filters})` : `“${words}”`;
  return filters;
}

/** `in cs.CL, with code, from 2025-01-01 to 2025-06-30` ('' without filters). */
export function describeFilters(f: SavedSearchFilters): string {
  const parts: string[] = [];
  if (f.category) parts.push(`in ${f.category}`);
  if (f.hasCode) parts.push('with code');
  if (f.from && f.to) parts.push(`from ${f.from} to ${f.to}`);
  else if (f.from) parts.push(`from ${f.from}`);
  else if (f.to) parts.push(`until ${f.to}`);
  return parts.join(', ');
}
