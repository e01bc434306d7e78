import { Hono } from 'hono';
import type { Deps } from '../deps';
import { hideFromForYou, unhideFromForYou } from '../features/hide-from-for-you';
import { listForYou } from '../features/list-for-you';
import type { AppEnv } from '../web/auth/viewer';
import { forYouQuery, hidePaperBody } from './for-you.schema';
import { parseQuery } from './parse-query';
import { LOG_IN_FIRST, readBody } from './read-body';
import { toApiPaper } from './serialize';

/**
 * `GET /api/for-you?limit=20`: the caller's personal feed (ours; the Hub has none), as
 * `{source, likes, window: {from, to} | null, papers: [{paper, score, because: {id, title}}]}`;
 * `paper` as in the daily API, `because` the liked paper it is nearest to, `source` `vector` or
 * `keyword` (no vector index loaded). Needs `Authorization: Bearer <token>` or the session
 * cookie: 401 otherwise; a bad limit is 400.
 *
 * "Not interested": `POST /api/for-you/hidden` with `{"id": "2301.00001"}` leaves a paper out of
 * the caller's feed (`{hidden: true|false, id}`, false when it was already), and
 * `DELETE /api/for-you/hidden/:id` takes it back (`{unhidden, id}`); a malformed id is 400, a
 * paper not on the site 404.
 */
export function forYouRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/for-you', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
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
  app.post('/api/for-you/hidden', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
    const body = await readBody(c, hidePaperBody);
    if (body instanceof Response) return body;
    const { paper, isChanged } = await hideFromForYou(deps, viewer, body.id);
    return c.json({ hidden: isChanged, id: paper.arxivId });
  });
  app.delete('/api/for-you/hidden/:id{.+}', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.json({ error: LOG_IN_FIRST }, 401);
    const { paper, isChanged } = await unhideFromForYou(deps, viewer, c.req.param('id'));
    return c.json({ unhidden: isChanged, id: paper.arxivId });
  });
  return app;
}
