import crypto from 'node:crypto';
import type { Deps } from '../../deps';
import type { Viewer } from '../../domain/account';
import { ForbiddenError } from '../../domain/forbidden-error';
import { InputError } from '../../domain/input-error';
import { NotFoundError } from '../../domain/not-found-error';
import { parseSavedSearchName, SAVED_SEARCH_LIMITS, searchQueryString, type SavedSearch, type SavedSearchFilters, type SavedSearchSort } from '../../domain/saved-search';
import { isEmptySearchQuery, parseSearchQuery } from '../../domain/search-query';
import {
  countSavedSearches,
  deleteSavedSearch,
  findSavedSearchByKey,
  insertSavedSearch,
  listSavedSearches,
  renameSavedSearch,
} from '../../storage/repos/saved-searches-repo';
import { findArrivedThroughId } from '../../storage/repos/paper-arrivals';
import { MAX_QUERY_LENGTH, SEARCH_SORTS, validateFilters } from '../search-papers';

/** A search to save, as the search page's form or the API sends it; everything is checked here. */
export type SaveSearchInput = {
  q?: unknown;
  from?: unknown;
  to?: unknown;
  category?: unknown;
  /** true, or a form checkbox's `1` / `on` / `true`. */
  hasCode?: unknown;
  sort?: unknown;
  name?: unknown;
};

/**
 * Saves a search (words, filters and order) for the viewer, with an optional name. The rules are
 * the search page's (query at most 10,000 characters without control characters, real days, from
 * <= to, an arXiv category, a known order) plus: a saved search needs words or a filter, and a
 * member keeps at most 50. Saving the same search again returns the saved one (renamed when a
 * name is given). Its alerts start from now: only papers that arrive after saving are "new".
 */
export async function saveSearch(deps: Deps, viewer: Viewer, input: SaveSearchInput): Promise<{ savedSearch: SavedSearch; isNew: boolean }> {
  requireSaver(viewer);
  const search = parseSearch(input);
  const name = parseSavedSearchName(input.name);
  const searchKey = crypto.createHash('sha256').update(searchQueryString(search)).digest('hex');
  const existing = await findSavedSearchByKey(deps.db, viewer.id, searchKey);
  if (existing) return { savedSearch: await renamed(deps, existing, name), isNew: false };
  if ((await countSavedSearches(deps.db, viewer.id)) >= SAVED_SEARCH_LIMITS.perUser) {
    throw new InputError(`you have ${SAVED_SEARCH_LIMITS.perUser} saved searches, the most one member may keep; delete one first`);
  }
  const fields = { userId: viewer.id, name, ...search, alertedThroughId: await findArrivedThroughId(deps.db), createdAt: deps.now().toISOString() };
  const id = await insertSavedSearch(deps.db, { ...fields, searchKey });
  // null: the same search was saved concurrently; that one stands.
  if (id === null) return { savedSearch: await renamed(deps, (await findSavedSearchByKey(deps.db, viewer.id, searchKey))!, name), isNew: false };
  return { savedSearch: { id, ...fields }, isNew: true };
}

/** The viewer's saved searches, newest first. */
export async function listMySavedSearches(deps: Deps, viewer: Viewer): Promise<SavedSearch[]> {
  return listSavedSearches(deps.db, viewer.id);
}

/** Deletes one of the viewer's saved searches; anyone else's, or a malformed id, is a NotFoundError. */
export async function deleteMySavedSearch(deps: Deps, viewer: Viewer, id: unknown): Promise<void> {
  const n = typeof id === 'number' ? id : typeof id === 'string' && /^[1-9]\d{0,14}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || !(await deleteSavedSearch(deps.db, viewer.id, n))) {
    throw new NotFoundError('you have no such saved search');
  }
}

function requireSaver(viewer: Viewer): void {
  if (viewer.isBanned) throw new ForbiddenError('banned accounts cannot save searches');
  if (!viewer.isVerified) throw new ForbiddenError('confirm your email address before saving searches (the link is in the mail we sent when you signed up)');
}

async function renamed(deps: Deps, saved: SavedSearch, name: string): Promise<SavedSearch> {
  if (name === '' || name === saved.name) return saved;
  await renameSavedSearch(deps.db, saved.userId, saved.id, name);
  return { ...saved, name };
}

function parseSearch(input: SaveSearchInput): { query: string; filters: SavedSearchFilters; sort: SavedSearchSort | null } {
  const query = parseQuery(input.q);
  const filters: SavedSearchFilters = validateFilters({
    from: optionalText(input.from, 'from'),
    to: optionalText(input.to, 'to'),
    category: optionalText(input.category, 'category'),
    hasCode: parseHasCode(input.hasCode),
  });
  const hasFilter = Object.keys(filters).length > 0;
  if (query === '' && !hasFilter) throw new InputError('a saved search needs words (q) or a filter (from, to, category, hasCode)');
  if (!hasFilter && isEmptySearchQuery(parseSearchQuery(query))) throw new InputError('the query has no words to search for; add words or a filter');
  const sort = optionalText(input.sort, 'sort') ?? null;
  if (sort !== null && !SEARCH_SORTS.includes(sort as SavedSearchSort)) throw new InputError(`sort must be one of ${SEARCH_SORTS.join(', ')}`);
  return { query, filters, sort: sort as SavedSearchSort | null };
}

function parseQuery(input: unknown): string {
  if (input === undefined || input === null) return '';
  if (typeof input !== 'string') throw new InputError('q must be text');
  // Pasted text may hold line breaks; other control characters have no place in a query.
  const query = input.replace(/[\t\n\r]/g, ' ').trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(query)) throw new InputError('the query contains control characters');
  if (query.length > MAX_QUERY_LENGTH) throw new InputError(`the query is ${query.length} characters long; at most ${MAX_QUERY_LENGTH} are accepted`);
  return query;
}

function optionalText(input: unknown, field: string): string | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input !== 'string') throw new InputError(`${field} must be text`);
  return input.trim() || undefined;
}

function parseHasCode(input: unknown): boolean | undefined {
  if (input === undefined || input === null || input === false) return undefined;
  if (input === true) return true;
  if (typeof input === 'string') {
    if (['1', 'on', 'true'].includes(input)) return true;
    if (['', '0', 'false'].includes(input)) return undefined;
  }
  throw new InputError('hasCode must be true or false');
}
