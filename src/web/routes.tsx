import { Hono } from 'hono';
import type { Deps } from '../deps';
import { renderAboutPage } from './about-page';
import { createAccountRoutes } from './account/account-routes';
import { renderAuthorPage } from './author-page';
import { renderCategoriesPage } from './categories-page';
import { renderCategoryPage } from './category-page';
import { collectionChoices } from './collection-choices';
import { createCollectionRoutes } from './collection-routes';
import { createCommentRoutes } from './comment-routes';
import { createFeedRoutes } from './feeds/feed-routes';
import { createForYouRoutes } from './for-you-routes';
import { createModerationRoutes } from './moderation-routes';
import { pageCache } from './page-cache';
import { renderPaperPage } from './paper-page';
import { renderPeriodPage } from './period-page';
import { createSavedSearchRoutes } from './saved-search-routes';
import { renderSearchPage } from './search-page';
import { createStaticRoutes } from './static-assets';
import { createSubmitRoutes } from './submit-routes';
import { createSubscriptionRoutes } from './subscription-routes';
import { renderTrendingPage } from './trending-page';
import { createVoteRoutes } from './vote-routes';

export { renderErrorPage } from './error-page';

export type WebOptions = {
  /**
   * Seconds a rendered list page (home, day, week, month, trending) is served again from memory
   * without querying the database; 0 (the default) renders every request. See page-cache.ts.
   */
  pageCacheSeconds?: number;
};

/**
 * The server-rendered pages. Mounted after the JSON API, so `/papers/:id.md` and `/api/*` never
 * reach here. Each handler parses its input, calls one use case and renders; bad input throws
 * InputError, which app.ts turns into a 400 page.
 */
export function createWebRoutes(deps: Deps, options: WebOptions = {}): Hono {
  const app = new Hono();
  app.route('/', createStaticRoutes());
  app.use(collectionChoices(deps));
  app.route('/', createAccountRoutes(deps));
  app.route('/', createSubmitRoutes(deps));
  app.route('/', createCommentRoutes(deps));
  app.route('/', createModerationRoutes(deps));
  app.route('/', createVoteRoutes(deps));
  app.route('/', createSubscriptionRoutes(deps));
  app.route('/', createCollectionRoutes(deps));
  app.route('/', createSavedSearchRoutes(deps));

  // Only anonymous pages are shared; a logged-in viewer's page shows their own votes and forms.
  const cached = pageCache({ ttlSeconds: options.pageCacheSeconds ?? 0, bypass: (c) => c.get('viewer') != null });
  app.get('/', cached, (c) => renderPeriodPage(c, deps, 'day', undefined));
  app.get('/papers/date', cached, (c) => renderPeriodPage(c, deps, 'day', undefined));
  app.get('/papers/week', cached, (c) => renderPeriodPage(c, deps, 'week', undefined));
  app.get('/papers/month', cached, (c) => renderPeriodPage(c, deps, 'month', undefined));
  app.get('/papers/date/:key', cached, (c) => renderPeriodPage(c, deps, 'day', c.req.param('key')));
  app.get('/papers/week/:key', cached, (c) => renderPeriodPage(c, deps, 'week', c.req.param('key')));
  app.get('/papers/month/:key', cached, (c) => renderPeriodPage(c, deps, 'month', c.req.param('key')));
  app.get('/papers/trending', cached, (c) => renderTrendingPage(c, deps));
  // Registered last: old-style ids contain a slash (`/papers/hep-th/9901001`).
  app.get('/papers/:id{.+}', (c) => {
    const id = c.req.param('id');
    // `/papers/trending/`, `/papers/date/2025-10-29/`, `/papers/2401.01234/`: the same page without the slash.
    if (id.endsWith('/')) {
      const query = c.req.url.includes('?') ? c.req.url.slice(c.req.url.indexOf('?')) : '';
      return c.redirect(`/papers/${encodeURI(id.replace(/\/+$/, ''))}${query}`, 301);
    }
    return renderPaperPage(c, deps, id);
  });

  app.get('/search', (c) => renderSearchPage(c, deps));
  // Browsing and feeds (feed URLs are listed in feeds/feed-routes.ts).
  app.route('/', createFeedRoutes(deps));
  app.get('/categories', cached, (c) => renderCategoriesPage(c, deps));
  app.get('/categories/:category', cached, (c) => renderCategoryPage(c, deps, c.req.param('category')));
  app.get('/authors/:name', cached, (c) => renderAuthorPage(c, deps, c.req.param('name')));
  app.route('/', createForYouRoutes(deps));
  app.get('/about', (c) => renderAboutPage(c, deps));
  return app;
}
