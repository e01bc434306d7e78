import { Hono } from 'hono';
import type { Deps } from '../deps';
import { renderAboutPage } from './about-page';
import { renderPaperPage } from './paper-page';
import { renderPeriodPage } from './period-page';
import { renderSearchPage } from './search-page';
import { createStaticRoutes } from './static-assets';
import { renderTrendingPage } from './trending-page';

export { renderErrorPage } from './error-page';

/**
 * The server-rendered pages. Mounted after the JSON API, so `/papers/:id.md` and `/api/*` never
 * reach here. Each handler parses its input, calls one use case and renders; bad input throws
 * InputError, which app.ts turns into a 400 page.
 */
export function createWebRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.route('/', createStaticRoutes());

  app.get('/', (c) => renderPeriodPage(c, deps, 'day', undefined));
  app.get('/papers/date', (c) => renderPeriodPage(c, deps, 'day', undefined));
  app.get('/papers/week', (c) => renderPeriodPage(c, deps, 'week', undefined));
  app.get('/papers/month', (c) => renderPeriodPage(c, deps, 'month', undefined));
  app.get('/papers/date/:key', (c) => renderPeriodPage(c, deps, 'day', c.req.param('key')));
  app.get('/papers/week/:key', (c) => renderPeriodPage(c, deps, 'week', c.req.param('key')));
  app.get('/papers/month/:key', (c) => renderPeriodPage(c, deps, 'month', c.req.param('key')));
  app.get('/papers/trending', (c) => renderTrendingPage(c, deps));
  // Registered last: old-style ids contain a slash (`/papers/hep-th/9901001`).
  app.get('/papers/:id{.+}', (c) => renderPaperPage(c, deps, c.req.param('id')));

  app.get('/search', (c) => renderSearchPage(c, deps));
  app.get('/about', (c) => renderAboutPage(c, deps));
  return app;
}
