import { Hono } from 'hono';
import type { Deps } from '../deps';
import { MAX_PER_PAGE, searchPapers, type SearchResult } from '../features/search-papers';
import { paperSimilarRoutes } from './paper-similar';
import { parseQuery } from './parse-query';
import { DEFAULT_SEARCH_LIMIT, papersSearchQuery } from './papers-search.schema';
import { toSearchItem } from './serialize';

/**
 * `GET /api/papers/search?q=…&limit=…[&mode=keyword|vector|hybrid]`: search (hybrid when the
 * vector index is loaded, keyword otherwise), best match first, as daily-item-shaped
 * objects with `highlightedTitle` / `highlightedSummary` spans.
 *
 * A missing or blank `q` answers `[]` (200), not 400: huggingface_hub's `list_papers()` sends no
 * `q` when called without a query, and "no query, no results" lets such a call end quietly.
 */
export function papersSearchRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get('/api/papers/search', async (c) => {
    const q = parseQuery(c, papersSearchQuery);
    const text = (q.q ?? '').trim();
    if (text === '') return c.json([]);
    const results = await firstResults(deps, text, q.limit ?? DEFAULT_SEARCH_LIMIT, q.mode);
    const ctx = { siteUrl: deps.config.siteUrl };
    return c.json(results.map((result) => toSearchItem(result, ctx)));
  });
  // Here rather than in routes.ts: it must come before /api/papers/:id, as this file does.
  app.route('/', paperSimilarRoutes(deps));
  return app;
}

/**
 * The best `limit` results. The Hub allows 120 per call, searchPapers pages by at most 100: above
 * that, two half-size pages are fetched and joined.
 */
async function firstResults(deps: Deps, q: string, limit: number, mode?: string): Promise<SearchResult[]> {
  const ask = (page: number, perPage: number) => searchPapers(deps, { q, filters: {}, sort: 'relevance', page, perPage, mode });
  if (limit <= MAX_PER_PAGE) return (await ask(1, limit)).results;
  const half = Math.ceil(limit / 2);
  const first = await ask(1, half);
  if (first.results.length < half) return first.results;
  return [...first.results, ...(await ask(2, half)).results].slice(0, limit);
}
