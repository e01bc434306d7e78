import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from '../deps';
import type { Viewer } from '../domain/account';
import { InputError } from '../domain/input-error';
import { savedSearchLabel } from '../domain/saved-search';
import { deleteMySavedSearch, listMySavedSearches, saveSearch } from '../features/saved-searches/save-search';
import { getViewerSubscription } from '../features/subscriptions/viewer-subscription';
import { readForm } from './auth/read-form';
import { viewerOrLogin } from './auth/require-viewer';
import type { AppEnv } from './auth/viewer';
import { renderSavedSearchesPage } from './saved-search-pages';

/**
 * Saved searches on the web, plain forms answered with a 303 (or the page with the reason):
 * - `GET /saved-searches`: the viewer's saved searches (link, feeds, delete)
 * - `POST /saved-searches` (q, from, to, category, code, sort, name): the search page's "Save this search"
 * - `POST /saved-searches/:id/delete`: the viewer's own only; anyone else's is a 404
 */
export function createSavedSearchRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/saved-searches', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const saved = Number(c.req.query('saved'));
    const searches = await listMySavedSearches(deps, viewer);
    const just = searches.find((s) => s.id === saved);
    return renderSavedSearchesPage(c, viewer, { searches, subscription: await subscriptionOf(viewer), notice: just ? `Saved: ${savedSearchLabel(just)}.` : null });
  });

  app.post('/saved-searches', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const form = await readForm(c);
    try {
      const { savedSearch } = await saveSearch(deps, viewer, { q: form.q, from: form.from, to: form.to, category: form.category, hasCode: form.code, sort: form.sort, name: form.name });
      return c.redirect(`/saved-searches?saved=${savedSearch.id}`, 303);
    } catch (error) {
      const status = refusalStatus(error);
      if (status === null) throw error;
      const searches = await listMySavedSearches(deps, viewer);
      return renderSavedSearchesPage(c, viewer, { searches, subscription: await subscriptionOf(viewer), error: `This search was not saved: ${(error as Error).message}.` }, status);
    }
  });

  app.post('/saved-searches/:id/delete', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    await deleteMySavedSearch(deps, viewer, c.req.param('id'));
    return c.redirect('/saved-searches', 303);
  });

  async function subscriptionOf(viewer: Viewer) {
    return (await getViewerSubscription(deps, viewer)).subscription;
  }

  return app;
}

/** The status of a refusal the page can show (400 input, 403), or null for anything else. */
function refusalStatus(error: unknown): ContentfulStatusCode | null {
  if (error instanceof InputError) return 400;
  return (error as { status?: unknown }).status === 403 ? 403 : null;
}
