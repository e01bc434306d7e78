import { Hono } from 'hono';
import type { Deps } from '../deps';
import { savedSearchLabel, type SavedSearch } from '../domain/saved-search';
import { deleteMySavedSearch, listMySavedSearches, saveSearch } from '../features/saved-searches/save-search';
import { savedSearchPaths } from '../web/saved-search-paths';
import { viewerOf, type AppEnv } from '../web/auth/viewer';
import { LOG_IN_FIRST, readBody } from './read-body';
import { saveSearchBody } from './saved-searches.schema';
import { isoTime } from './serialize';

/**
 * Saved searches in the JSON API (ours; the Hub has none), the viewer's own only:
 * - `GET /api/saved-searches` → `{savedSearches: [...]}`, newest first
 * - `POST /api/saved-searches` `{q?, from?, to?, category?, hasCode?, sort?, name?}` → 201 the saved
 *   search (200 when that search was saved before: the same one, renamed when a name is given)
 * - `DELETE /api/saved-searches/:id` → `{deleted: true, id}`; someone else's or a missing one is 404
 * Each comes with its search URL and its feeds. `Authorization: Bearer <token>` or the session
 * cookie (plus `X-CSRF-Token` for writes); errors are `{error}`: 400, 401, 403 (unverified), 404.
 */
export function savedSearchRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const json = (s: SavedSearch) => toApiSavedSearch(s, deps.config.siteUrl);

  app.get('/api/saved-searches', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ savedSearches: (await listMySavedSearches(deps, viewer)).map(json) });
  });

  app.post('/api/saved-searches', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
    const body = await readBody(c, saveSearchBody);
    if (body instanceof Response) return body;
    const { savedSearch, isNew } = await saveSearch(deps, viewer, body);
    return c.json(json(savedSearch), isNew ? 201 : 200);
  });

  app.delete('/api/saved-searches/:id', async (c) => {
    const viewer = viewerOf(c);
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
    const id = c.req.param('id');
    await deleteMySavedSearch(deps, viewer, id);
    return c.json({ deleted: true, id: Number(id) });
  });

  return app;
}

function toApiSavedSearch(s: SavedSearch, siteUrl: string) {
  const paths = savedSearchPaths(s);
  return {
    id: s.id,
    name: s.name,
    label: savedSearchLabel(s),
    q: s.query,
    filters: { from: s.filters.from ?? null, to: s.filters.to ?? null, category: s.filters.category ?? null, hasCode: s.filters.hasCode === true },
    sort: s.sort,
    createdAt: isoTime(s.createdAt),
    url: `${siteUrl}${paths.search}`,
    feeds: { rss: `${siteUrl}${paths.rss}`, atom: `${siteUrl}${paths.atom}` },
  };
}
