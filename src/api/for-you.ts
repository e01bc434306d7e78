import { Hono } from 'hono';
import type { Deps } from '../deps';
import { listForYou } from '../features/list-for-you';
import type { AppEnv } from '../web/auth/viewer';
import { forYouQuery } from './for-you.schema';
import { parseQuery } from './parse-query';
import { toApiPaper } from './serialize';

/**
 * `GET /api/for-you?limit=20`: the caller's personal feed (ours; the Hub has none), as
 * `{source, likes, window: {from, to} | null, papers: [{paper, score, because: {id, title}}]}`;
 * `paper` as in the daily API, `because` the liked paper it is nearest to, `source` `vector` or
 * `keyword` (no vector index loaded). Needs `Authorization: Bearer <token>` or the session
 * cookie: 401 otherwise; a bad limit is 400.
 */
export function forYouRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/for-you', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.json({ error: 'log in first: send Authorization: Bearer <token> (create one on your settings page)' }, 401);
    const q = parseQuery(c, forYouQuery);
    const feed = await listForYou(deps, viewer.id, { limit: q.limit });
    c.header('Cache-Control', 'private, no-store');
    const ctx = { siteUrl: deps.config.siteUrl };
    return c.json({
      source: feed.source,
      likes: feed.likeCount,
      window: feed.window,
      papers: feed.items.map((i) => ({ paper: toApiPaper(i.paper, ctx), score: Math.round(i.score * 1e4) / 1e4, because: { id: i.because.arxivId, title: i.because.title } })),
    });
  });
  return app;
}
