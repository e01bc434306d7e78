import { Hono } from 'hono';
import type { Deps } from '../deps';
import { hideFromForYou, unhideFromForYou } from '../features/hide-from-for-you';
import { readForm } from './auth/read-form';
import { viewerOrLogin } from './auth/require-viewer';
import type { AppEnv } from './auth/viewer';
import { renderForYouPage } from './for-you-page';

/**
 * The For you page and its "Not interested" forms, answered with a 303 back to the feed:
 * - `GET /for-you[?hidden=<arXiv id>]`: the feed (with "Hidden … Undo" after a hide)
 * - `POST /for-you/hide` (paper): leaves a paper out of the viewer's feed
 * - `POST /for-you/unhide` (paper): takes it back
 * A malformed id is a 400 page, a paper not on the site a 404 (the app's error pages).
 */
export function createForYouRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/for-you', (c) => renderForYouPage(c, deps));

  app.post('/for-you/hide', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    const { paper } = await hideFromForYou(deps, viewer, (await readForm(c)).paper);
    return c.redirect(`/for-you?hidden=${encodeURIComponent(paper.arxivId)}`, 303);
  });

  app.post('/for-you/unhide', async (c) => {
    const viewer = viewerOrLogin(c);
    if (viewer instanceof Response) return viewer;
    await unhideFromForYou(deps, viewer, (await readForm(c)).paper);
    return c.redirect('/for-you', 303);
  });

  return app;
}
