import { Hono } from 'hono';
import type { Deps } from '../deps';
import { listPapers } from '../features/list-papers';
import { papersListQuery } from './papers-list.schema';
import { parseQuery } from './parse-query';
import { toApiPaper } from './serialize';

/**
 * `GET /api/papers`: every paper, newest published first, as paper objects. The next page is
 * announced in a `Link: <absolute url>; rel="next"` header (absent on the last page), built from
 * SITE_URL so it is right behind a proxy.
 */
export function papersListRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.get('/api/papers', async (c) => {
    const q = parseQuery(c, papersListQuery);
    const page = await listPapers(deps, { cursor: q.cursor, limit: q.limit });
    if (page.nextCursor) {
      const next = new URL(`${deps.config.siteUrl}/api/papers`);
      next.searchParams.set('cursor', page.nextCursor);
      if (q.limit !== undefined) next.searchParams.set('limit', String(q.limit));
      c.header('Link', `<${next.href}>; rel="next"`);
    }
    const ctx = { siteUrl: deps.config.siteUrl };
    return c.json(page.papers.map((paper) => toApiPaper(paper, ctx)));
  });
  return app;
}
