import { searchQueryString, type SavedSearch } from '../domain/saved-search';

/** Where a saved search lives on the site (site-relative). */
export type SavedSearchPaths = { search: string; rss: string; atom: string };

/**
 * A saved search's links: the search page as saved, and its feeds. The feed of a saved search is
 * the public search feed of its words and filters (decision 0014): without the saved order, so
 * that it lists the newest matches first, which is what a feed reader is for.
 */
export function savedSearchPaths(s: Pick<SavedSearch, 'query' | 'filters' | 'sort'>): SavedSearchPaths {
  const feedQuery = searchQueryString({ ...s, sort: null });
  const query = searchQueryString(s);
  return { search: `/search?${query}`, rss: `/feeds/search.rss?${feedQuery}`, atom: `/feeds/search.atom?${feedQuery}` };
}
